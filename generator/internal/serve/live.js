// Live reload for the preview (go run ./generator serve); never in a build.
// The server sends "state" when the page connects, then "reload" after each
// rebuild and "problems" when the content has errors. The page reloads when
// the site's version is not its own, and otherwise shows or hides the list
// of errors.
(function () {
  "use strict";
  var me = document.currentScript;
  var version = Number(me.dataset.version);
  var id = "quinzaine-problems";

  function show(msg) {
    var old = document.getElementById(id);
    if (old) old.remove();
    if (!msg.problems || msg.problems.length === 0) return;
    var box = document.createElement("div");
    box.id = id;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
      "background:#fff3f3;color:#600;border-top:4px solid #c00;padding:1em;font:16px/1.4 system-ui,sans-serif";
    var p = document.createElement("p");
    p.style.cssText = "margin:0 0 .5em;font-weight:bold";
    p.textContent = msg.summary;
    var ul = document.createElement("ul");
    ul.style.cssText = "margin:0;padding-left:1.2em;font-family:ui-monospace,monospace;white-space:pre-wrap";
    msg.problems.forEach(function (line) {
      var li = document.createElement("li");
      li.textContent = line;
      ul.appendChild(li);
    });
    box.appendChild(p);
    box.appendChild(ul);
    document.body.appendChild(box);
  }

  function update(e) {
    var msg = JSON.parse(e.data);
    if (msg.version !== version) {
      location.reload();
      return;
    }
    show(msg);
  }

  var source = new EventSource(me.dataset.events);
  // Tests and curious editors can tell that the page listens.
  source.addEventListener("open", function () {
    document.documentElement.dataset.preview = "live";
  });
  ["state", "reload", "problems"].forEach(function (name) {
    source.addEventListener(name, update);
  });
})();
