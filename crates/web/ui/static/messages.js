// Live messages: while a conversation or the inbox is open, new messages arrive without a
// reload. The page works without this script (send and reload); it only listens to
// /conversations/live (ids only) and fetches new messages through the ordinary page.
(function () {
  if (!window.EventSource || !window.fetch) return;
  var list = document.getElementById("messages");
  var inbox = document.getElementById("conversations");
  var busy = false, again = false;
  function more() {
    if (busy) { again = true; return; }
    busy = true;
    var id = list.getAttribute("data-conversation");
    var last = list.getAttribute("data-last") || "0";
    fetch("/conversations/" + id + "?after=" + last, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) {
        if (html) {
          var box = document.createElement("ol");
          box.innerHTML = html;
          var items = box.querySelectorAll("li.message");
          for (var i = 0; i < items.length; i++) {
            if (!document.getElementById(items[i].id)) list.appendChild(items[i]);
            list.setAttribute("data-last", items[i].getAttribute("data-id"));
          }
          if (items.length) items[items.length - 1].scrollIntoView({ block: "nearest" });
        }
      })
      .catch(function () {})
      .then(function () { busy = false; if (again) { again = false; more(); } });
  }
  var es = new EventSource("/conversations/live");
  es.addEventListener("message", function (e) {
    var d;
    try { d = JSON.parse(e.data); } catch (_) { return; }
    if (list && String(d.conversation_id) === list.getAttribute("data-conversation")) {
      more();
    } else if (inbox) {
      window.location.reload();
    } else {
      var nav = document.querySelector('a[href="/conversations"]');
      if (nav) {
        var b = nav.querySelector(".badge");
        if (!b) { b = document.createElement("span"); b.className = "badge"; nav.appendChild(document.createTextNode(" ")); nav.appendChild(b); b.textContent = "0"; }
        b.textContent = String((parseInt(b.textContent, 10) || 0) + 1);
      }
    }
  });
  document.documentElement.setAttribute("data-live", "1");
})();
