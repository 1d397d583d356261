/*
 * Optional helper for pages that embed a figure of the Deep-learning visual lab.
 * Each embed posts { type: 'vlab:height', height } to its parent whenever its height changes;
 * this script sets the matching iframe's height. It trusts only messages that come from an
 * iframe on this page, from the lab's own origin, with a sane numeric height; all else is ignored.
 */
(function () {
	var script = document.currentScript;
	var origin = script ? new URL(script.src).origin : null;
	window.addEventListener('message', function (event) {
		if (!origin || event.origin !== origin) return;
		var data = event.data;
		if (!data || data.type !== 'vlab:height' || typeof data.height !== 'number') return;
		if (!isFinite(data.height) || data.height < 50 || data.height > 20000) return;
		var frames = document.getElementsByTagName('iframe');
		for (var i = 0; i < frames.length; i++) {
			if (frames[i].contentWindow === event.source) frames[i].style.height = Math.ceil(data.height) + 'px';
		}
	});
})();
