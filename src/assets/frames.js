(function () {
'use strict';
/* One frame shown at a time: the slider picks it, Play steps through
 * them (every data-delay seconds, from the first again after the last),
 * the arrow keys step, space plays and pauses. */
var frames = document.querySelectorAll('#rg-frames > figure');
var slider = document.getElementById('rg-slider');
var play = document.getElementById('rg-play');
var when = document.getElementById('rg-when');
var delay = parseFloat(document.body.getAttribute('data-delay')) || 1;
var cur = 0, timer = null;
function show(k) {
  frames[cur].hidden = true;
  cur = k;
  frames[cur].hidden = false;
  slider.value = String(k);
  when.textContent = frames[k].getAttribute('data-caption');
}
function stop() {
  if (!timer) return;
  clearInterval(timer);
  timer = null;
  play.textContent = 'Play';
  play.setAttribute('aria-pressed', 'false');
}
function start() {
  if (cur === frames.length - 1) show(0);
  timer = setInterval(function () { show((cur + 1) % frames.length); }, delay * 1000);
  play.textContent = 'Pause';
  play.setAttribute('aria-pressed', 'true');
}
slider.addEventListener('input', function () { stop(); show(Number(slider.value)); });
play.addEventListener('click', function () { if (timer) stop(); else start(); });
document.addEventListener('keydown', function (e) {
  if (e.target === slider || e.target === play) return;
  if (e.key === 'ArrowRight' && cur < frames.length - 1) { stop(); show(cur + 1); }
  else if (e.key === 'ArrowLeft' && cur > 0) { stop(); show(cur - 1); }
  else if (e.key === ' ') { e.preventDefault(); if (timer) stop(); else start(); }
});
show(0);
})();
