// The site's one script, a module (deferred, never render-blocking). It
// shows the « Mon programme » stars, which the pages keep hidden for readers
// without JavaScript, and loads the code of the features the page holds:
// the programme's filter (#filtre), the selection page (#mon-programme) and
// the home page's "today" (#aujourdhui). It imports nothing itself: most
// pages hold no feature, and they load this file alone.

// client reads what the page tells the scripts (view.Client), which only
// the pages holding a feature carry.
function client() {
  const data = document.querySelector("script.quinzaine-client");
  return data ? JSON.parse(data.textContent) : null;
}

const KEY = "quinzaine.selection";

// selected returns the starred session ids, oldest first.
export function selected() {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) || "[]");
    return Array.isArray(v) ? v.filter((x) => typeof x === "string") : [];
  } catch {
    return [];
  }
}

function save(ids) {
  try {
    localStorage.setItem(KEY, JSON.stringify(ids));
  } catch {
    // Storage refused (private browsing, full): the page still shows the
    // choice until it is left.
  }
  document.dispatchEvent(new CustomEvent("quinzaine:selection", { detail: { ids } }));
}

function toggle(id) {
  const ids = selected();
  const i = ids.indexOf(id);
  if (i < 0) ids.push(id);
  else ids.splice(i, 1);
  save(ids);
  return i < 0;
}

// paint shows a star's state in its label, which says what a press does
// (add or remove), and in its look: not also with aria-pressed, which
// would make a screen reader say "remove from my programme, pressed".
function paint(button, on) {
  button.classList.toggle("is-selected", on);
  button.querySelector(".star-label").textContent = on ? button.dataset.remove : button.dataset.add;
}

// refresh shows every star of root in the state the selection gives it.
export function refresh(root = document) {
  const ids = new Set(selected());
  for (const b of root.querySelectorAll("button.star[data-session]")) {
    paint(b, ids.has(b.dataset.session));
    b.hidden = false;
  }
}

// star makes the toggle of a session for rows the scripts draw, as the
// template _partials/star.html does; context names the session.
export function star(c, s, context) {
  const label = document.createElement("span");
  label.className = "star-label";
  const about = document.createElement("span");
  about.className = "star-context";
  about.textContent = `(${context})`;
  const b = document.createElement("button");
  b.className = "star";
  b.append(label, " ", about);
  b.type = "button";
  b.dataset.session = s.i;
  b.dataset.add = c.Strings["star.add"];
  b.dataset.remove = c.Strings["star.remove"];
  paint(b, selected().includes(s.i));
  return b;
}

document.addEventListener("click", (ev) => {
  const b = ev.target.closest("button.star[data-session]");
  if (!b) return;
  const on = toggle(b.dataset.session);
  // Every star of the same session on the page follows.
  for (const other of document.querySelectorAll("button.star[data-session]")) {
    if (other.dataset.session === b.dataset.session) paint(other, on);
  }
});

// Another tab changed the selection.
window.addEventListener("storage", (ev) => {
  if (ev.key !== KEY) return;
  refresh();
  document.dispatchEvent(new CustomEvent("quinzaine:selection", { detail: { ids: selected() } }));
});

// The features' styles load only where the script runs, since without it
// their elements stay hidden.
function styles() {
  if (document.querySelector("link[data-quinzaine]")) return Promise.resolve();
  return new Promise((resolve) => {
    const l = document.createElement("link");
    l.rel = "stylesheet";
    l.href = new URL("./finder.css", import.meta.url).href;
    l.dataset.quinzaine = "";
    l.onload = l.onerror = () => resolve();
    document.head.append(l);
  });
}

async function main() {
  const c = client();
  await styles();
  refresh();
  const features = [
    ["filtre", "./programme.js"],
    ["mon-programme", "./mon-programme.js"],
    ["aujourdhui", "./today.js"],
  ];
  for (const [id, module] of features) {
    const root = document.getElementById(id);
    // Only the pages that hold a feature carry its data (client()).
    if (!root || !c) continue;
    try {
      const m = await import(module);
      await m.init(c, root);
    } catch (err) {
      // The plain page stays as it was, usable without the feature.
      console.error(err);
    }
  }
  document.documentElement.dataset.ready = "";
}

main();
