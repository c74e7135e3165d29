// The home page's "today" (#aujourdhui): the build wrote what was on around
// its own date, which goes stale on a static site. This redraws the block
// from the visitor's date, with the rule view.onNow applies at build time:
// today when it is an edition day, then the days of the coming weekend;
// before the edition, its first weekend or first two days; after it,
// nothing.
//
// The block carries data-built (the build's instant, RFC 3339) and an
// .on-days element holding the days (home.html); only that element's
// content is replaced, and only when the visitor's days differ from the
// build's.

import { count, el, loadIndex, onDay, row, url } from "./data.js";
import { star } from "./site.js";

// MAX is how many sessions a day shows, as on the page the build wrote.
const MAX = 6;

// festivalDay gives the festival day (YYYY-MM-DD) of an instant: a day
// runs from 04:00 to 03:59 in the festival's zone.
export function festivalDay(instant) {
  const shifted = new Date(instant.getTime() - 4 * 3600 * 1000);
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(shifted);
  const get = (t) => parts.find((p) => p.type === t).value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

const weekday = (key) => new Date(key + "T12:00:00Z").getUTCDay();
const between = (a, b) => (Date.parse(b + "T12:00:00Z") - Date.parse(a + "T12:00:00Z")) / 86400000;

// pick chooses the days to show on the given festival day; null once the
// edition is over.
export function pick(days, today) {
  const edition = days.filter((d) => d.ed).map((d) => d.d);
  if (!edition.length || today > edition[edition.length - 1]) return null;
  const picked = edition.filter((d) => d === today || (d > today && [0, 6].includes(weekday(d)) && between(today, d) < 7));
  const hasToday = picked.includes(today);
  return { days: picked.length ? picked : edition.slice(0, 2), today: hasToday ? today : "" };
}

export async function init(c, root) {
  const built = Date.parse(root.dataset.built || "");
  const holder = root.querySelector(".on-days");
  if (!holder || Number.isNaN(built)) return;
  const ix = await loadIndex(c);
  const now = pick(ix.days, festivalDay(new Date()));
  if (!now) {
    root.hidden = true;
    return;
  }
  const then = pick(ix.days, festivalDay(new Date(built)));
  if (then && then.today === now.today && then.days.join() === now.days.join()) return;
  const sections = now.days.map((key) => {
    const day = ix.dayMap.get(key);
    const id = "jour-" + key;
    const heading = el("h3", "", key === now.today ? c.Strings["today.today"] + ", " + day.n : upperFirst(day.n));
    heading.id = id;
    const section = el("section", "on-day", heading);
    section.setAttribute("aria-labelledby", id);
    section.dataset.day = key;
    const sessions = ix.sessions.filter((s) => onDay(s, key));
    if (sessions.length) {
      section.append(el("ol", "items", ...sessions.slice(0, MAX).map((s) => row(c, ix, s, { withDay: false, star }))));
    } else {
      section.append(el("p", "", c.Strings["today.empty"]));
    }
    const all = el("a", "", c.Strings["home.dayall"], el("span", "vh", ", " + day.n));
    all.href = url(c, day.u);
    const more = el("p", "more", all);
    if (sessions.length > MAX) more.append(" ", el("span", "count", "(" + count(c, "today.more", sessions.length - MAX) + ")"));
    section.append(more);
    return section;
  });
  holder.replaceChildren(...sections);
}

function upperFirst(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
