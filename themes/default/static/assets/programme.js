// The programme's combined filter (_partials/filter.html): day, grand site
// or commune, category, audience, free only, accessibility needs and words,
// over the search index. Its state lives in the address: typing replaces the
// current history entry, every other change adds one, so a filtered view can
// be shared and bookmarked and the back button returns to the one before.

import { count, loadIndex, onDay, row, words } from "./data.js";
import { star } from "./site.js";

// PAGE is how many results are drawn at a time: a phone stays responsive
// with a thousand-event programme.
const PAGE = 50;

// FIELDS are the form's parameters; access may repeat.
const FIELDS = ["q", "day", "where", "cat", "aud", "free", "access"];

export async function init(c, root) {
  const ix = await loadIndex(c);
  const form = root.querySelector("form");
  const status = root.querySelector(".finder-count");
  const list = root.querySelector(".finder-results");
  const more = root.querySelector(".finder-more");
  more.textContent = c.Strings["finder.more"];
  let shown = PAGE;
  let matches = [];

  // state reads the form as address parameters, empty fields left out.
  function state() {
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(form)) {
      if (FIELDS.includes(k) && String(v).trim() !== "") p.append(k, String(v));
    }
    return p;
  }

  // fill sets the form from address parameters.
  function fill(p) {
    for (const f of form.elements) {
      if (!f.name) continue;
      if (f.type === "checkbox") f.checked = p.getAll(f.name).includes(f.value);
      else if (f.tagName === "SELECT") {
        const v = p.get(f.name) || "";
        f.value = [...f.options].some((o) => o.value === v) ? v : "";
      } else if (f.type !== "button") f.value = p.get(f.name) || "";
    }
  }

  function match(p) {
    const q = words(p.get("q") || "");
    const day = p.get("day");
    const where = p.get("where") || "";
    const [kind, place] = where.split(":");
    const cat = p.get("cat");
    const aud = p.get("aud");
    const free = p.get("free") === "1";
    const needs = p.getAll("access");
    return ix.sessions.filter((s) => {
      const e = s.event;
      if (day && !onDay(s, day)) return false;
      if (kind === "site" && !(e.venue.g && e.venue.s === place)) return false;
      if (kind === "commune" && e.commune.s !== place) return false;
      if (cat && !e.cats.some((t) => t.k === cat)) return false;
      if (aud && !e.auds.some((t) => t.k === aud)) return false;
      if (free && !e.f) return false;
      if (needs.length && !needs.every((k) => (e.x || []).includes(k))) return false;
      return q.every((w) => e.hay.includes(w));
    });
  }

  function draw() {
    list.replaceChildren(...matches.slice(0, shown).map((s) => row(c, ix, s, { star })));
    more.hidden = matches.length <= shown;
  }

  function render() {
    const p = state();
    shown = PAGE;
    if ([...p.keys()].length === 0) {
      matches = [];
      status.textContent = c.Strings["finder.all"];
    } else {
      matches = match(p);
      status.textContent = matches.length
        ? count(c, "finder.count", matches.length)
        : count(c, "finder.count", 0) + ". " + c.Strings["finder.none"];
    }
    draw();
  }

  // go records the form's state in the address: push adds a history entry.
  function go(push) {
    const qs = state().toString();
    const address = location.pathname + (qs ? "?" + qs : "");
    if (address !== location.pathname + location.search) {
      history[push ? "pushState" : "replaceState"](null, "", address);
    }
    render();
  }

  form.addEventListener("input", (ev) => {
    if (ev.target.type === "search") go(false);
  });
  form.addEventListener("change", (ev) => {
    if (ev.target.type !== "search") go(true);
  });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    go(true);
  });
  root.querySelector(".finder-reset").addEventListener("click", () => {
    fill(new URLSearchParams());
    go(true);
    form.querySelector("input, select").focus();
  });
  more.addEventListener("click", () => {
    const first = shown;
    shown += PAGE;
    draw();
    // Keyboard readers carry on from the first new result.
    list.children[first]?.querySelector("a")?.focus();
  });
  window.addEventListener("popstate", () => {
    fill(new URLSearchParams(location.search));
    render();
  });

  fill(new URLSearchParams(location.search));
  root.hidden = false;
  render();
}
