// Pan and zoom for floor plans on phones and desktops: drag to move, pinch or wheel to zoom,
// double-tap to zoom in. Works on the SVG's viewBox, so the drawing stays sharp. Without this
// script the plan is still a scalable picture with working links.
(function () {
  for (const frame of document.querySelectorAll(".plan-frame")) {
    const svg = frame.querySelector("svg.plan");
    if (!svg) continue;
    const full = svg.viewBox.baseVal;
    const home = { x: full.x, y: full.y, w: full.width, h: full.height };
    let v = Object.assign({}, home);
    const apply = () => svg.setAttribute("viewBox", `${v.x} ${v.y} ${v.w} ${v.h}`);
    const zoom = (factor, cx, cy) => {
      const w = Math.min(home.w * 1.2, Math.max(home.w / 20, v.w / factor));
      const h = w * home.h / home.w;
      v.x = cx - (cx - v.x) * (w / v.w);
      v.y = cy - (cy - v.y) * (h / v.h);
      v.w = w; v.h = h;
      apply();
    };
    const toPlan = (clientX, clientY) => {
      const r = svg.getBoundingClientRect();
      return { x: v.x + (clientX - r.left) / r.width * v.w, y: v.y + (clientY - r.top) / r.height * v.h };
    };
    // Start on the booth being looked for, if any.
    const focus = svg.querySelector(".here rect, .target rect");
    if (focus && frame.hasAttribute("data-zoom")) {
      // Close enough to read the booth numbers around it: about eight booths across.
      const b = focus.getBBox();
      const w = Math.min(home.w, Math.max(b.width * 8, home.w / 20));
      if (w < home.w) {
        v.w = w; v.h = w * home.h / home.w;
        v.x = b.x + b.width / 2 - v.w / 2; v.y = b.y + b.height / 2 - v.h / 2;
        apply();
      }
    }
    const pointers = new Map();
    let lastDist = 0, moved = false, lastTap = 0;
    svg.addEventListener("pointerdown", e => {
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      moved = false;
    });
    svg.addEventListener("pointermove", e => {
      const prev = pointers.get(e.pointerId);
      if (!prev) return;
      const r = svg.getBoundingClientRect();
      if (pointers.size === 1) {
        const dx = (e.clientX - prev.x) / r.width * v.w, dy = (e.clientY - prev.y) / r.height * v.h;
        if (Math.abs(e.clientX - prev.x) + Math.abs(e.clientY - prev.y) > 3) moved = true;
        if (moved) { svg.setPointerCapture(e.pointerId); v.x -= dx; v.y -= dy; apply(); }
      }
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (pointers.size === 2) {
        const [a, b] = [...pointers.values()];
        const d = Math.hypot(a.x - b.x, a.y - b.y);
        if (lastDist) { const c = toPlan((a.x + b.x) / 2, (a.y + b.y) / 2); zoom(d / lastDist, c.x, c.y); }
        lastDist = d; moved = true;
      }
      e.preventDefault();
    });
    const up = e => {
      pointers.delete(e.pointerId);
      if (pointers.size < 2) lastDist = 0;
      if (!moved && e.type === "pointerup") {
        const now = Date.now();
        if (now - lastTap < 300) { const c = toPlan(e.clientX, e.clientY); zoom(2, c.x, c.y); }
        lastTap = now;
      }
    };
    svg.addEventListener("pointerup", up);
    svg.addEventListener("pointercancel", up);
    // A drag must not follow the booth link under the finger.
    svg.addEventListener("click", e => { if (moved) { e.preventDefault(); moved = false; } }, true);
    svg.addEventListener("wheel", e => {
      e.preventDefault();
      const c = toPlan(e.clientX, e.clientY);
      zoom(e.deltaY < 0 ? 1.25 : 0.8, c.x, c.y);
    }, { passive: false });
    const bar = document.createElement("div");
    bar.className = "zoom-bar";
    for (const [label, act] of [["+", () => zoom(1.5, v.x + v.w / 2, v.y + v.h / 2)], ["−", () => zoom(1 / 1.5, v.x + v.w / 2, v.y + v.h / 2)], ["⟲", () => { v = Object.assign({}, home); apply(); }]]) {
      const b = document.createElement("button");
      b.type = "button"; b.textContent = label; b.addEventListener("click", act);
      bar.appendChild(b);
    }
    frame.prepend(bar);
  }
})();
