#!/bin/sh
# -Thtml with --frames: one page holding every frame, one shown at a time;
# the slider, the arrow keys and the play button change which, and the
# caption beside the slider follows.  Checked in headless Chromium on a
# copy of the page with checks added, under a Content-Security-Policy
# that reports any load at all.
set -eu
. "$ROOT/tests/browser/lib.sh"
need_browser

"$RELGRAPH" "$ROOT/graphs/xi-putin" --frames year --delay 0.1 -Thtml -o x.html
guarded_head >head.html
cat >body.html <<'HTML'
<script>
window.addEventListener('load', function () {
	var figs = document.querySelectorAll('#rg-frames > figure');
	var slider = document.getElementById('rg-slider'), play = document.getElementById('rg-play');
	var when = document.getElementById('rg-when');
	function shown() {
		var v = [];
		for (var i = 0; i < figs.length; i++)
			if (!figs[i].hidden && figs[i].getBoundingClientRect().height > 0) v.push(i);
		return v.join();
	}
	T.check(window.rgBlocked.length === 0, 'the page tried to load: ' + window.rgBlocked.join('; '));
	T.check(figs.length === 11, figs.length + ' frames in the page, expected 11 (2013 to 2023)');
	T.check(shown() === '0' && when.textContent === '2013',
		'at first: frames ' + shown() + ' shown, caption ' + when.textContent);
	slider.value = '5';
	slider.dispatchEvent(new Event('input'));
	T.check(shown() === '5' && when.textContent === '2018',
		'slider at 5: frames ' + shown() + ' shown, caption ' + when.textContent);
	document.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}));
	T.check(shown() === '6' && when.textContent === '2019',
		'right arrow: frames ' + shown() + ' shown, caption ' + when.textContent);
	play.click();
	T.check(play.getAttribute('aria-pressed') === 'true', 'play is not pressed after a click');
	/* 0.1 s a frame: after 0.35 s, three frames on */
	setTimeout(function () {
		T.check(shown() === '9' && when.textContent === '2022',
			'playing 0.35 s from 2019: frames ' + shown() + ' shown, caption ' + when.textContent);
		play.click();
		T.check(play.getAttribute('aria-pressed') === 'false', 'play still pressed after a second click');
		T.done();
	}, 350);
});
</script>
HTML
inject x.html check.html head.html body.html
browser --virtual-time-budget=2000 --window-size=1200,800 --dump-dom "$(url check.html)" >dom.html ||
	no "Chromium could not load the page"
checked dom.html "-Thtml --frames page"
exit $bad
