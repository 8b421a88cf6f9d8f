#!/usr/bin/env bash
# Checks the system libraries WeasyPrint needs (Pango, HarfBuzz) and the charter's
# fonts, and LibreOffice (optional: the DOCX's page numbers); installs Debian's packages
# when run as root, else says which to install.
set -u
packages=()
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || packages+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || packages+=(libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so' || packages+=(libharfbuzz-subset0)
"${PYTHON:-python3}" -c 'import ensurepip' 2>/dev/null || packages+=(python3-venv)
fc-list 2>/dev/null | grep -q 'DejaVu Sans Mono' || packages+=(fonts-dejavu-core fontconfig)
fc-list 2>/dev/null | grep -q 'Lato' || packages+=(fonts-lato)
# Optional: LibreOffice (headless) numbers the pages of the DOCX's table of contents
# and index at build time; without it the build says so and goes on.
optional=()
{ command -v soffice >/dev/null && /usr/bin/python3 -c 'import uno' 2>/dev/null; } \
  || optional+=(libreoffice-writer-nogui python3-uno)
# Optional: npm installs the official geography (geography/package.json, see the
# Makefile); without it the notes' communes are not checked. Debian's npm, unless the
# machine has Node.js already (whose own npm conflicts with it).
command -v npm >/dev/null || command -v node >/dev/null || optional+=(npm)
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null \
    && [ $((${#packages[@]} + ${#optional[@]})) -gt 0 ]; then
  echo "Installation des paquets système : ${packages[*]} ${optional[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${packages[@]}" "${optional[@]}" >/dev/null \
    && exit 0
  echo "L'installation de ${packages[*]} ${optional[*]} a échoué." >&2
  exit 2
fi
if [ ${#packages[@]} -eq 0 ]; then
  [[ " ${optional[*]} " == *" python3-uno "* ]] && echo "LibreOffice absent : les numéros de page de la table" \
    "des matières du DOCX seront calculés par Word (sudo apt-get install" \
    "libreoffice-writer-nogui python3-uno)."
  exit 0
fi
echo "Il manque des bibliothèques système pour produire les PDF. Installez-les :" >&2
echo "  sudo apt-get install ${packages[*]}" >&2
exit 2
