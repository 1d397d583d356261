/*
 * Optional helper for pages that embed a figure of the Deep-learning visual lab.
 * Each embed posts { type: 'vlab:height', height } to its parent whenever its height changes;
 * this script sets the matching iframe's height. It trusts only messages that come from an
 * iframe on this page, from the lab's own origin, with a sane numeric height; all else is ignored.
 */
(function () {
	// The lab's origin is where this script came from. A classic script knows itself
	// (document.currentScript); a module (type="module") does not, so look for our tag by name.
	var origins = [];
	var own = document.currentScript;
	var scripts = own && own.src ? [own] : document.querySelectorAll('script[src]');
	for (var i = 0; i < scripts.length; i++) {
		var url = new URL(scripts[i].src, location.href);
		if (/\/embed\.js$/.test(url.pathname) && origins.indexOf(url.origin) < 0) origins.push(url.origin);
	}
	if (origins.length === 0) {
		console.warn('embed.js: could not tell which site it came from, so it resizes no figures.');
		return;
	}
	window.addEventListener('message', function (event) {
		if (origins.indexOf(event.origin) < 0) return;
		var data = event.data;
		if (!data || data.type !== 'vlab:height' || typeof data.height !== 'number') return;
		if (!isFinite(data.height) || data.height < 50 || data.height > 20000) return;
		var frames = document.getElementsByTagName('iframe');
		for (var i = 0; i < frames.length; i++) {
			if (frames[i].contentWindow === event.source) frames[i].style.height = Math.ceil(data.height) + 'px';
		}
	});
})();
