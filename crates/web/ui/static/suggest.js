// Type-ahead for the search box: fills its <datalist> with names matching what is typed.
// Search works without this script; it only saves typing.
(function () {
  var box = document.querySelector('form.search input[name=q]');
  var list = document.getElementById('sc-suggest');
  if (!box || !list || !window.fetch) return;
  var timer = null, last = '';
  box.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = box.value.trim();
      if (q === last || q.length < 1) return;
      last = q;
      fetch('/api/v1/search/suggest?q=' + encodeURIComponent(q), { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (items) {
          if (box.value.trim() !== q) return;
          list.textContent = '';
          items.forEach(function (s) {
            var o = document.createElement('option');
            o.value = s.title;
            list.appendChild(o);
          });
        })
        .catch(function () {});
    }, 150);
  });
})();
