// Reads a built site with the parsers real clients use, and prints what they
// understood as JSON for the Go test to compare with the programme:
// Mozilla's ical.js (Thunderbird's calendar parser) over every .ics, and
// @rowanmanning/feed-parser (used by feed readers) over every Atom feed.
// Usage: node clients.cjs <site folder>; modules are found through NODE_PATH.
'use strict';
const fs = require('fs');
const path = require('path');
const ICAL = require('ical.js');
const { parseFeed } = require('@rowanmanning/feed-parser');

const root = process.argv[2];
const out = { calendars: [], feeds: [] };

function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.ics')) calendar(p);
    else if (e.name === 'feed.xml') feed(p);
  }
}

function time(t) {
  if (!t) return null;
  // A date alone stays a date; a time is given as the instant it names, and
  // the zone the client resolved it in.
  if (t.isDate) return { date: t.toString() };
  return { unix: t.toUnixTime(), zone: t.zone ? t.zone.tzid : '' };
}

function calendar(file) {
  const comp = new ICAL.Component(ICAL.parse(fs.readFileSync(file, 'utf8')));
  // As Thunderbird does, the file's own VTIMEZONE defines its TZID.
  for (const tz of comp.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(tz);
  }
  const events = comp.getAllSubcomponents('vevent').map((v) => {
    const ev = new ICAL.Event(v);
    return {
      uid: ev.uid,
      summary: ev.summary,
      status: v.getFirstPropertyValue('status'),
      sequence: ev.sequence,
      start: time(ev.startDate),
      end: v.hasProperty('dtend') ? time(ev.endDate) : null,
    };
  });
  out.calendars.push({ file: path.relative(root, file), name: comp.getFirstPropertyValue('x-wr-calname'), events });
}

function feed(file) {
  const f = parseFeed(fs.readFileSync(file, 'utf8'));
  out.feeds.push({
    file: path.relative(root, file),
    title: f.title,
    items: f.items.map((i) => ({ id: i.id, title: i.title, url: i.url, updated: i.updated ? i.updated.toISOString() : null })),
  });
}

walk(root);
process.stdout.write(JSON.stringify(out));
