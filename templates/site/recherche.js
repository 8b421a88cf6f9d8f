// The observation site's search page: Pagefind's JavaScript API (pagefind/pagefind.js,
// written by the site's build) behind a French form. Every sentence shown comes from
// the page itself (recherche.html.j2); this script only puts the pieces together.
// A classic script, not a module: module scripts never run from file://, and the page
// must then say why the search cannot run.
(function () {
  "use strict";

  const PAGE_SIZE = 10; // results shown at once: each one costs its fragment's download
  const script = document.currentScript;
  const root = new URL("../", script.src); // the site's root, wherever it is hosted
  const byId = (id) => document.getElementById(id);
  const form = byId("rc-formulaire");
  const input = byId("rc-terme");
  const status = byId("rc-etat");
  const list = byId("rc-resultats");
  const more = byId("rc-plus");
  const selects = Array.from(document.querySelectorAll("select[data-filtre]"));

  function cannotRun(messageId) {
    byId(messageId).hidden = false;
    byId("rc-listes").hidden = false;
    form.hidden = true;
    document.body.dataset.rechercheEtat = "indisponible";
  }

  if (location.protocol === "file:") {
    cannotRun("rc-fichier");
    return;
  }

  function say(key, values) {
    let text = status.dataset[key];
    for (const [name, value] of Object.entries(values || {})) {
      text = text.replace("{" + name + "}", value);
    }
    status.textContent = text;
  }

  function chosenFilters() {
    const chosen = {};
    for (const select of selects) {
      if (select.value) chosen[select.dataset.filtre] = select.value;
    }
    return chosen;
  }

  // The excerpt is HTML made by Pagefind (text with <mark>): read it in an inert
  // document and copy only its text and its marks, so nothing else can enter the page.
  function excerptNodes(html) {
    const parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    const out = document.createDocumentFragment();
    for (const node of parsed.body.firstChild.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    }
    return out;
  }

  function resultItem(data) {
    const item = document.createElement("li");
    const title = document.createElement("h3");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    title.appendChild(link);
    item.appendChild(title);
    const facts = [data.meta.centre, data.meta.territoire, data.meta.date].filter(Boolean);
    if (facts.length) {
      const line = document.createElement("p");
      line.className = "rc-resultat-faits";
      line.textContent = facts.join(" · ");
      item.appendChild(line);
    }
    if (data.excerpt) {
      const excerpt = document.createElement("p");
      excerpt.className = "rc-resultat-extrait";
      excerpt.appendChild(excerptNodes(data.excerpt));
      item.appendChild(excerpt);
    }
    return item;
  }

  function rememberInAddress(term, filters) {
    const params = new URLSearchParams();
    if (term) params.set("q", term);
    for (const [name, value] of Object.entries(filters)) params.set(name, value);
    const query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
  }

  let pagefind = null;
  let shown = []; // the current search's results, loaded PAGE_SIZE at a time
  let latest = 0; // the number of the latest search: older answers are dropped

  async function showNext(searchNumber) {
    const next = shown.slice(list.children.length, list.children.length + PAGE_SIZE);
    const data = await Promise.all(next.map((result) => result.data()));
    if (searchNumber !== latest) return;
    for (const one of data) list.appendChild(resultItem(one));
    more.hidden = list.children.length >= shown.length;
  }

  async function run(debounced) {
    const searchNumber = ++latest;
    const term = input.value.trim();
    const filters = chosenFilters();
    rememberInAddress(term, filters);
    if (!term && !Object.keys(filters).length) {
      shown = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      return;
    }
    const options = { filters };
    const search = debounced
      ? await pagefind.debouncedSearch(term || null, options, 300)
      : await pagefind.search(term || null, options);
    if (search === null || searchNumber !== latest) return; // a newer search came
    shown = search.results;
    list.replaceChildren();
    await showNext(searchNumber);
    if (searchNumber !== latest) return;
    const n = shown.length;
    if (term) {
      say(n === 0 ? "aucun" : n === 1 ? "un" : "plusieurs", { n, terme: term });
    } else {
      say(n === 0 ? "filtresAucun" : n === 1 ? "filtresUn" : "filtresSeuls", { n });
    }
    document.body.dataset.rechercheEtat = "pret";
  }

  function fillFilters(available) {
    const french = new Intl.Collator("fr");
    for (const select of selects) {
      const counts = available[select.dataset.filtre] || {};
      const values = Object.keys(counts);
      values.sort(select.dataset.filtre === "annee"
        ? (a, b) => b.localeCompare(a) : french.compare);
      for (const value of values) {
        select.appendChild(new Option(value + " (" + counts[value] + ")", value));
      }
    }
  }

  function readAddress() {
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    for (const select of selects) {
      const wanted = params.get(select.dataset.filtre);
      if (wanted && Array.from(select.options).some((o) => o.value === wanted)) {
        select.value = wanted;
      }
    }
  }

  async function start() {
    pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({ baseUrl: root.pathname });
    await pagefind.init();
    fillFilters(await pagefind.filters());
    readAddress();
    form.hidden = false;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      run(false);
    });
    input.addEventListener("input", () => run(true));
    for (const select of selects) select.addEventListener("change", () => run(false));
    more.addEventListener("click", () => showNext(latest));
    document.body.dataset.rechercheEtat = "pret";
    await run(false);
  }

  start().catch(() => cannotRun("rc-index-absent"));
})();
