(function () {
'use strict';
var XL = 'http://www.w3.org/1999/xlink';
var view = document.getElementById('rg-view');
var tip = document.getElementById('rg-tip');
var problem = document.getElementById('rg-problem');
var svg = null, home = null, zoomed = false, drag = null;
function box() { var b = svg.viewBox.baseVal; return [b.x, b.y, b.width, b.height]; }
function show(v) { svg.setAttribute('viewBox', v.join(' ')); }
function at(e) {
  var m = svg.getScreenCTM(), p = svg.createSVGPoint();
  p.x = e.clientX; p.y = e.clientY;
  return m ? p.matrixTransform(m.inverse()) : null;
}
function zoom(k, p) {
  var v = box(), w = v[2] * k;
  if (w > home[2] * 10 || w < home[2] / 40) return;
  var x = p ? p.x : v[0] + v[2] / 2, y = p ? p.y : v[1] + v[3] / 2;
  show([x - (x - v[0]) * k, y - (y - v[1]) * k, w, v[3] * k]);
  zoomed = true;
}
function pan(dx, dy) { var v = box(); show([v[0] + dx * v[2], v[1] + dy * v[3], v[2], v[3]]); zoomed = true; }
function reset() { show(home); zoomed = false; }
function adopt(s) {
  var keep = zoomed && svg ? box() : null;
  s.removeAttribute('width'); s.removeAttribute('height');
  s.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  var items = s.querySelectorAll('g.node, g.edge, g.cluster');
  for (var i = 0; i < items.length; i++) {
    var g = items[i], a = g.querySelector('a'), t = a && a.getAttributeNS(XL, 'title');
    var own = g.querySelector('title');
    if (!t && own && !g.classList.contains('cluster')) t = own.textContent;
    if (t) g.setAttribute('data-tip', t);
    if (a) a.removeAttributeNS(XL, 'title');
  }
  /* the browser's own title tooltips would cover relgraph's */
  var titles = s.querySelectorAll('title');
  for (var j = 0; j < titles.length; j++) titles[j].parentNode.removeChild(titles[j]);
  if (svg) view.replaceChild(s, svg); else if (s.parentNode !== view) view.appendChild(s);
  svg = s;
  home = box();
  if (keep) show(keep); else zoomed = false;
}
adopt(view.querySelector('svg'));
view.addEventListener('wheel', function (e) {
  e.preventDefault();
  var d = e.deltaY * (e.deltaMode === 1 ? 33 : e.deltaMode === 2 ? 400 : 1);
  zoom(Math.pow(1.0015, Math.max(-300, Math.min(300, d))), at(e));
}, {passive: false});
view.addEventListener('pointerdown', function (e) {
  if (e.button !== 0) return;
  drag = {x: e.clientX, y: e.clientY, v: box(), m: svg.getScreenCTM()};
  view.setPointerCapture(e.pointerId);
  view.classList.add('rg-drag');
});
view.addEventListener('pointermove', function (e) {
  if (drag && drag.m) {
    show([drag.v[0] - (e.clientX - drag.x) / drag.m.a, drag.v[1] - (e.clientY - drag.y) / drag.m.d,
          drag.v[2], drag.v[3]]);
    zoomed = true;
    return;
  }
  var g = e.target.closest && e.target.closest('[data-tip]');
  if (!g || !view.contains(g)) { tip.hidden = true; return; }
  tip.textContent = g.getAttribute('data-tip');
  tip.hidden = false;
  var x = e.clientX + 14, y = e.clientY + 14;
  if (x + tip.offsetWidth > innerWidth) x = Math.max(0, e.clientX - tip.offsetWidth - 8);
  if (y + tip.offsetHeight > innerHeight) y = Math.max(0, e.clientY - tip.offsetHeight - 8);
  tip.style.left = x + 'px'; tip.style.top = y + 'px';
});
function undrag() { drag = null; view.classList.remove('rg-drag'); }
view.addEventListener('pointerup', undrag);
view.addEventListener('pointercancel', undrag);
view.addEventListener('pointerleave', function () { tip.hidden = true; });
view.addEventListener('dblclick', function (e) { zoom(0.5, at(e)); });
var act = {'+': function () { zoom(0.8); }, '=': function () { zoom(0.8); },
  '-': function () { zoom(1.25); }, '0': reset,
  ArrowLeft: function () { pan(-0.1, 0); }, ArrowRight: function () { pan(0.1, 0); },
  ArrowUp: function () { pan(0, -0.1); }, ArrowDown: function () { pan(0, 0.1); }};
document.addEventListener('keydown', function (e) {
  if (e.ctrlKey || e.metaKey || e.altKey || !act[e.key]) return;
  e.preventDefault();
  act[e.key]();
});
var buttons = document.querySelectorAll('nav button');
for (var b = 0; b < buttons.length; b++)
  buttons[b].addEventListener('click', act[buttons[b].getAttribute('data-key')]);
if (!window.rgLive || !window.EventSource) return;
/* watch --serve: the server says when the image changed, or what is
   wrong with the data (the last good image stays) */
function say(text) { problem.textContent = text; problem.hidden = !text; }
var events = new EventSource('events');
events.addEventListener('update', function () {
  fetch('image.svg', {cache: 'no-store'}).then(function (r) {
    if (!r.ok) throw new Error(r.status);
    return r.text();
  }).then(function (text) {
    var doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    var s = doc.documentElement;
    if (s.nodeName !== 'svg') return;
    /* the drawing's own title and description head the page */
    var t = s.querySelector('svg > title'), d = s.querySelector('svg > desc');
    var h1 = document.querySelector('h1'), p = document.querySelector('header p');
    var meta = document.querySelector('meta[name=description]');
    if (t) { document.title = t.textContent; if (h1) h1.textContent = t.textContent; }
    if (d && p) p.textContent = d.textContent;
    if (d && meta) meta.setAttribute('content', d.textContent);
    adopt(document.importNode(s, true));
    say('');
    document.body.setAttribute('data-version', events.lastEventId);
  }).catch(function (err) { say('cannot load the new image: ' + err.message); });
});
events.addEventListener('problem', function (e) { say(e.data); });
events.addEventListener('error', function () {
  if (events.readyState !== EventSource.OPEN) say('relgraph watch is not answering; showing the last image');
});
events.addEventListener('open', function () { if (/^relgraph watch/.test(problem.textContent)) say(''); });
})();
