// Flimmer's embed loader (issue #9): turns every [data-flimmer-film] element of a
// publisher's page into an iframe card served from our origin. Plain script, no build.
(function () {
  'use strict';
  // Our origin is the one this script came from: read now, while it runs (currentScript is
  // null afterwards). Without an http(s) origin there is nothing safe to embed from.
  var ORIGIN;
  try {
    var own = new URL(document.currentScript.src);
    if (own.protocol === 'https:' || own.protocol === 'http:') ORIGIN = own.origin;
  } catch (e) { /* inline, module or data: script: stay idle */ }
  // A second copy of the loader on the page leaves the work to the first.
  if (!ORIGIN || window.Flimmer) return;

  var embedded = new WeakSet();
  var frames = []; // our iframes, to know whose messages to trust
  var warned = new Set(); // problems already said on this page

  // The card's options: every data-* attribute, named without "data-"; the card app
  // checks the values (one place) and reports what it had to ignore.
  function src(element, lang) {
    var params = new URLSearchParams();
    var film = element.getAttribute('data-flimmer-film');
    if (film) params.append('film', film);
    for (var i = 0; i < element.attributes.length; i++) {
      var name = element.attributes[i].name;
      if (name.indexOf('data-') === 0 && name !== 'data-flimmer-film') {
        params.append(name.slice(5), element.attributes[i].value);
      }
    }
    if (lang && !element.hasAttribute('data-lang')) params.append('lang', lang);
    return ORIGIN + '/embed.html?' + params;
  }

  // The language of the card: its own option, else the article's (a German article gets a
  // German card), else none (the card follows the reader's browser).
  function languageOf(element) {
    var article = element.closest('[lang]');
    var lang = element.hasAttribute('data-lang') ? element.getAttribute('data-lang') : article && article.getAttribute('lang');
    var match = /^(de|en)\b/i.exec(lang || '');
    return match ? match[1].toLowerCase() : '';
  }

  function embed(element) {
    if (!(element instanceof Element) || embedded.has(element)) return;
    embedded.add(element);
    var lang = languageOf(element);
    var frame = document.createElement('iframe');
    frame.title = lang === 'en' ? 'Flimmer: where to stream' : 'Flimmer: wo der Film läuft';
    // Attributes before src: a lazy frame must know it is lazy before it starts loading.
    frame.setAttribute('loading', 'lazy');
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
    // Inline !important beats any rule of the host's stylesheets, even their !important.
    // The color-scheme matches the card's, or the browser paints the frame opaque.
    var theme = element.getAttribute('data-theme');
    var scheme = theme === 'dark' || theme === 'light' ? theme : 'light dark';
    var box = {
      display: 'block', width: '100%', 'max-width': '40rem', 'min-width': '0', height: '180px',
      border: '0', margin: '0', padding: '0', 'box-sizing': 'border-box', visibility: 'visible',
      opacity: '1', background: 'transparent', 'color-scheme': scheme,
    };
    for (var property in box) frame.style.setProperty(property, box[property], 'important');
    frame.src = src(element, lang);
    // Frames the page has removed since (an endless feed drops old articles) are let go.
    frames = frames.filter(function (f) { return f.isConnected; });
    frames.push(frame);
    // A shadow root keeps the host's CSS away from the frame; elements that cannot have one
    // (or have one already) get the frame as a plain child.
    var parent = element;
    try { parent = element.attachShadow({ mode: 'open' }); } catch (e) { /* plain child */ }
    parent.appendChild(frame);
  }

  function embedAll(root) {
    if (root.nodeType !== 1 && root.nodeType !== 9) return;
    if (root.nodeType === 1 && root.hasAttribute('data-flimmer-film')) embed(root);
    var found = root.querySelectorAll('[data-flimmer-film]');
    for (var i = 0; i < found.length; i++) embed(found[i]);
  }

  // The card says its height (and, once, what it ignored). Only our origin, only from a
  // frame of ours, only a sane height: anything else is someone else's message.
  window.addEventListener('message', function (event) {
    if (event.origin !== ORIGIN) return;
    var frame = frames.filter(function (f) { return f.contentWindow === event.source; })[0];
    var data = event.data;
    if (!frame || !data || data.flimmer !== 'embed') return;
    var height = data.height;
    if (typeof height !== 'number' || !(height >= 0 && height <= 10000)) return;
    frame.style.setProperty('height', Math.ceil(height) + 'px', 'important');
    var problems = Array.isArray(data.problems) ? data.problems : [];
    for (var i = 0; i < problems.length; i++) {
      var problem = String(problems[i]);
      if (warned.has(problem)) continue;
      warned.add(problem);
      console.warn('Flimmer embed: ' + problem);
    }
  });

  // Cards present now, cards parsed later (the script may run in <head>), and cards a site
  // adds after load (single-page sites, endless feeds) or marks later.
  embedAll(document);
  new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) {
      var record = records[i];
      if (record.type === 'attributes') embedAll(record.target);
      for (var j = 0; j < record.addedNodes.length; j++) embedAll(record.addedNodes[j]);
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-flimmer-film'] });

  window.Flimmer = { embed: embed };
})();
