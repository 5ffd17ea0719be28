// Pasted into the pages that the browser tests open (tests/browser/lib.sh,
// page_script). A page's checks call T.check(cond, what) and T.info(text),
// then T.done(), which writes one line each into a pre element #results for
// --dump-dom to carry out: "FAIL: what" or "info: text", then "DONE".
// A script error is a failure too; a page that never calls T.done() has
// no DONE line, which the shell side reports.
(function () {
	'use strict';
	var lines = [];
	window.addEventListener('error', function (e) {
		lines.push('FAIL: script error: ' + e.message + ' (line ' + e.lineno + ')');
	});
	window.T = {
		check: function (cond, what) {
			if (!cond) lines.push('FAIL: ' + what);
			return !!cond;
		},
		info: function (text) {
			lines.push('info: ' + text);
		},
		done: function () {
			var pre = document.getElementById('results');
			if (!pre) {
				pre = document.createElement('pre');
				pre.id = 'results';
				pre.hidden = true; // out of a screenshot taken in the same run
				document.body.appendChild(pre);
			}
			pre.textContent = lines.join('\n') + (lines.length ? '\n' : '') + 'DONE\n';
		},
		// runs fn(T) once the page and everything in it has loaded; an
		// exception in fn is a failure, and T.done() follows either way
		onload: function (fn) {
			window.addEventListener('load', function () {
				try {
					fn(window.T);
				} catch (e) {
					lines.push('FAIL: exception in the checks: ' + e + (e.stack ? ' ' + e.stack.split('\n')[1] : ''));
				}
				window.T.done();
			});
		},
	};
})();
