#!/usr/bin/env bash
# Checks the system libraries WeasyPrint needs (Pango, HarfBuzz) and the charter's
# fonts; installs Debian's packages when run as root, else says which to install.
set -u
packages=()
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || packages+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || packages+=(libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so' || packages+=(libharfbuzz-subset0)
"${PYTHON:-python3}" -c 'import ensurepip' 2>/dev/null || packages+=(python3-venv)
fc-list 2>/dev/null | grep -q 'DejaVu Sans Mono' || packages+=(fonts-dejavu-core fontconfig)
fc-list 2>/dev/null | grep -q 'Lato' || packages+=(fonts-lato)
[ ${#packages[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installation des paquets système : ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${packages[@]}" >/dev/null && exit 0
  echo "L'installation de ${packages[*]} a échoué." >&2
  exit 2
fi
echo "Il manque des bibliothèques système pour produire les PDF. Installez-les :" >&2
echo "  sudo apt-get install ${packages[*]}" >&2
exit 2
