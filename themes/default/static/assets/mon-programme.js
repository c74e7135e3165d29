// The « Mon programme » page (mon-programme.html): the starred sessions,
// listed from the index, and one .ics file of them built in the browser.
// Its UIDs are the site's own calendars' (package ical), so importing it
// after an event's calendar updates the same entries instead of doubling
// them.

import { count, loadIndex, row } from "./data.js";
import { selected, star } from "./site.js";

export async function init(c, root) {
  const ix = await loadIndex(c);
  const status = root.querySelector(".selection-count");
  const empty = root.querySelector(".selection-empty");
  const list = root.querySelector(".selection-list");
  const download = root.querySelector(".selection-download");
  const link = download.querySelector("a");
  let blob = "";

  // chosen keeps the index's order (by start), leaving out sessions no
  // longer in the programme.
  const chosen = () => {
    const ids = new Set(selected());
    return ix.sessions.filter((s) => ids.has(s.i));
  };

  function summary() {
    const sessions = chosen();
    status.textContent = count(c, "selection.count", sessions.length);
    empty.hidden = sessions.length > 0;
    download.hidden = sessions.length === 0;
    if (blob) URL.revokeObjectURL(blob);
    blob = URL.createObjectURL(new Blob([calendar(c, ix, sessions, location.origin)], { type: "text/calendar;charset=utf-8" }));
    link.href = blob;
  }

  function draw() {
    list.replaceChildren(...chosen().map((s) => row(c, ix, s, { star })));
    summary();
  }

  // A star unticked here leaves its row in place, so that focus stays
  // where the reader is and a slip can be undone; the count and the file
  // follow at once. Another tab's change redraws the list.
  document.addEventListener("quinzaine:selection", summary);
  window.addEventListener("storage", draw);
  root.hidden = false;
  draw();
}

// calendar writes sessions as an iCalendar file (RFC 5545), in UTC.
export function calendar(c, ix, sessions, origin) {
  const stamp = utc(new Date().toISOString());
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Quinzaine festive//Mon programme//" + c.Lang.toUpperCase(),
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "X-WR-CALNAME:" + text(document.title),
  ];
  for (const s of sessions) {
    const e = s.event;
    lines.push("BEGIN:VEVENT", "UID:" + text(s.i + "@" + ix.host), "DTSTAMP:" + stamp);
    if (s.ad) {
      lines.push("DTSTART;VALUE=DATE:" + s.b.replaceAll("-", ""), "DTEND;VALUE=DATE:" + nextDay(s.n || s.b));
    } else {
      lines.push("DTSTART:" + utc(s.b));
      if (s.n) lines.push("DTEND:" + utc(s.n));
    }
    const title = e.st === "cancelled" ? c.Strings["status.cancelled"] + " — " + e.t : e.t;
    lines.push(
      "SUMMARY:" + text(title),
      "LOCATION:" + text(e.venue.n + ", " + e.commune.n),
      "URL:" + origin + c.Base + e.u.replace(/^\//, ""),
      "SEQUENCE:" + (SEQUENCE[e.st] || 0),
      "STATUS:" + (STATUS[e.st] || "CONFIRMED"),
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}

// SEQUENCE and STATUS follow package ical's scheme, so that a session's
// entry here never looks older than the one from the site's calendars.
const SEQUENCE = { postponed: 1, rescheduled: 2, cancelled: 3 };
const STATUS = { cancelled: "CANCELLED", postponed: "TENTATIVE" };

// utc writes an ISO instant as 20260627T183000Z.
function utc(iso) {
  return new Date(iso).toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
}

// nextDay gives the exclusive end of an all-day session whose last day is
// given: 2026-07-05 ends on 20260706.
function nextDay(date) {
  const d = new Date(date + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10).replaceAll("-", "");
}

// text escapes a TEXT value (RFC 5545 3.3.11).
function text(s) {
  return s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

const encoder = new TextEncoder();

// fold cuts a content line into lines of at most 75 octets, never inside a
// character, each continuation starting with a space (RFC 5545 3.1).
function fold(line) {
  const out = [];
  let cur = "";
  let size = 0;
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    if (size + n > 75) {
      out.push(cur);
      cur = " ";
      size = 1;
    }
    cur += ch;
    size += n;
  }
  out.push(cur);
  return out.join("\r\n");
}
