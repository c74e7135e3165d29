// The search index (generator/internal/searchindex) and what the scripts
// share: folding, counts, links and the rows of a list of sessions. Text
// goes into the page through textContent and DOM nodes only, never through
// markup, so nothing an editor types can run in a visitor's browser.

// The letters canonical decomposition leaves whole and the typographic marks
// of French text; searchindex.Fold holds the same table.
const LIGATURES = { "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "’": "'", "‘": "'", "\u00a0": " ", "\u202f": " " };
const TRIMMED = /^[.,;:!?«»"“”()[\]…]+|[.,;:!?«»"“”()[\]…]+$/g;

// fold lowers a text for searching: "Fête" and "fete" fold alike.
export function fold(s) {
  return s.replace(/[œŒæÆ’‘\u00a0\u202f]/g, (c) => LIGATURES[c])
    .normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

// words splits a query into the folded words to look for.
export function words(s) {
  return fold(s).split(/\s+/).map((w) => w.replace(TRIMMED, "")).filter(Boolean);
}

let loading = null;

// loadIndex fetches the language's index once per page.
export function loadIndex(c) {
  loading ??= fetch(c.Index, { credentials: "same-origin" }).then((r) => {
    if (!r.ok) throw new Error(`search index: HTTP ${r.status}`);
    return r.json();
  }).then(prepare);
  return loading;
}

// prepare links the index's rows to their tables and gathers each session's
// search text.
function prepare(ix) {
  const days = new Map(ix.days.map((d) => [d.d, d]));
  const events = ix.events.map((e) => {
    const venue = ix.venues[e.v];
    const commune = ix.communes[venue.c];
    const cats = e.c.map((i) => ix.cats[i]);
    const auds = (e.a || []).map((i) => ix.auds[i]);
    const hay = [e.q, venue.q, commune.q, ...cats.map((t) => t.q), ...auds.map((t) => t.q)].join(" ");
    return { ...e, venue, commune, cats, auds, hay };
  });
  const sessions = ix.sessions.map((s) => ({ ...s, event: events[s.e] }));
  return { ...ix, dayMap: days, events, sessions, byId: new Map(sessions.map((s) => [s.i, s])) };
}

// onDay says whether a session is in a festival day's programme: an all-day
// session over several days is on each of them.
export function onDay(s, day) {
  return s.d === day || (s.d2 !== undefined && s.d <= day && day <= s.d2);
}

// url turns an index address into a link under the site's path.
export function url(c, address) {
  return c.Base + address.replace(/^\//, "");
}

// count writes "{n} séances" with the plural rules of locale.Strings.N.
export function count(c, key, n) {
  const one = n === 1 || (c.Lang === "fr" && n === 0);
  return c.Strings[key + (one ? ".one" : ".other")].replace("{n}", String(n));
}

// el makes an element with a class and children (nodes or text).
export function el(tag, className, ...children) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  for (const ch of children) {
    if (ch !== null && ch !== undefined && ch !== "") e.append(ch);
  }
  return e;
}

function link(href, text, lang) {
  const a = el("a", "", text);
  a.href = href;
  if (lang) a.lang = lang;
  return a;
}

// when says when a session happens in a list: with its day's name, or the
// hours alone in a day's own list.
export function when(c, ix, s, withDay) {
  const allDay = c.Strings["period.allday"];
  if (!withDay) return s.h || allDay;
  if (s.d2) return s.h;
  const day = ix.dayMap.get(s.d);
  // « samedi 20 juin, toute la journée »: the label starts a sentence on
  // its own, not after the day.
  return (day ? day.n : s.d) + ", " + (s.h || allDay.charAt(0).toLowerCase() + allDay.slice(1));
}

// row draws a session as the template "row" of _partials/text.html does,
// with its star.
export function row(c, ix, s, { withDay = true, star = null } = {}) {
  const e = s.event;
  const li = el("li", "item" + (e.st ? " is-" + e.st : ""));
  li.dataset.session = s.i;
  const time = el("time", "", when(c, ix, s, withDay));
  time.dateTime = s.b;
  li.append(el("p", "item-time", time));
  const body = el("div", "item-body");
  const title = el("p", "item-title", link(url(c, e.u), e.t, e.tl));
  if (e.st) {
    title.append(" ", el("strong", "status status-" + e.st, c.Strings["status." + e.st]));
  }
  body.append(title);
  const meta = el("p", "item-meta", link(url(c, e.venue.u), e.venue.n, e.venue.nl), ", ", link(url(c, e.commune.u), e.commune.n));
  if (e.f) meta.append(" · " + c.Strings["price.free"]);
  body.append(meta);
  if (e.cats.length) {
    body.append(el("ul", "tags", ...e.cats.map((t) => el("li", "", link(url(c, t.u), t.n)))));
  }
  if (e.x && e.x.length) body.append(access(c, e.x));
  if (star) body.append(star(c, s, e.t + ", " + when(c, ix, s, true)));
  li.append(body);
  return li;
}

// access lists accessibility provisions as the pages do: pictograms copied
// from the page's #quinzaine-icons with their words for screen readers, or
// the words alone where the page has no pictograms.
function access(c, keys) {
  const icons = document.getElementById("quinzaine-icons");
  if (!icons) return el("ul", "access", ...keys.map((k) => el("li", "access-" + k, c.Strings["access." + k])));
  return el("ul", "access-icons", ...keys.map((k) => {
    const label = c.Strings["access." + k];
    const li = el("li", "");
    li.title = label;
    const icon = icons.content.querySelector(`[data-key="${CSS.escape(k)}"] svg`);
    if (icon) li.append(icon.cloneNode(true));
    li.append(el("span", "vh", label));
    return li;
  }));
}
