/* Ocenka pages: small enhancements over pages that work without scripts. No inline scripts (CSP). */
(function () {
  'use strict';

  // After every deferred script (Leaflet and ECharts come after this one on their pages) has run.
  function onReady(fn) {
    if (document.readyState === 'complete') { fn(); } else { document.addEventListener('DOMContentLoaded', fn); }
  }

  // Numbers as the page's language writes them (4,50 in Russian and Belarusian, 4.50 in English).
  function decimal(value, digits) {
    return value.toLocaleString(document.documentElement.lang || 'ru', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  function format(template, value) { return template.replace('{0}', value); }

  function scoreClass(score) {
    if (score === null || score === undefined) { return 'none'; }
    return score >= 4 ? 'good' : (score >= 3 ? 'fair' : 'poor');
  }

  // Selects whose choice changes the form itself (a sphere shows its categories): submit as a plain page.
  function submitOnChange(ids) {
    ids.forEach(function (id) {
      var select = document.getElementById(id);
      if (select && select.form) { select.addEventListener('change', function () { select.form.submit(); }); }
    });
  }

  // The comment's counter of characters left.
  function commentCounter() {
    var comment = document.getElementById('comment');
    var counter = document.getElementById('comment-count');
    if (!comment || !counter) { return; }
    var max = parseInt(comment.getAttribute('maxlength'), 10) || 2000;
    var template = counter.getAttribute('data-template');
    var update = function () { counter.textContent = format(template, max - comment.value.length); };
    comment.addEventListener('input', update);
    update();
  }

  // The organisation's score, live from the SSE stream.
  function liveScore() {
    var page = document.querySelector('.organization[data-org]');
    if (!page || !window.EventSource) { return; }
    var id = page.getAttribute('data-org');
    var score = document.getElementById('live-score');
    var count = document.getElementById('live-count');
    var satisfaction = document.getElementById('live-satisfaction');
    var countTemplate = count.textContent.replace(/\d[\d\s\u00a0]*/, '{0}');
    // Opened after the page has loaded: a stream opened earlier keeps the browser's "loading" state forever.
    var open = function () {
      var source = new EventSource('/api/v1/organizations/' + id + '/events');
      source.addEventListener('rating', update);
      source.addEventListener('open', function () { page.setAttribute('data-live', 'open'); });
      source.addEventListener('error', function () { page.setAttribute('data-live', 'reconnecting'); });
    };
    if (document.readyState === 'complete') { open(); } else { window.addEventListener('load', open); }
    function update(event) {
      var data = JSON.parse(event.data);
      if (data.score !== null) { score.textContent = decimal(data.score, 2); }
      count.textContent = format(countTemplate, data.ratingsCount);
      if (data.satisfaction !== null) { satisfaction.textContent = decimal(data.satisfaction, 1) + ' %'; }
      var box = score.closest('.big-score');
      box.classList.remove('good', 'fair', 'poor');
      if (data.score !== null) { box.classList.add(scoreClass(data.score)); }
    }
  }

  // The map: Leaflet over the GeoJSON endpoint; points and the server's clusters coloured by score.
  function map() {
    var element = document.getElementById('map');
    if (!element || !window.L) { return; }
    var text = element.dataset;
    var belarus = L.latLngBounds([51.25, 23.17], [56.17, 32.78]);
    var view = L.map(element, { maxBounds: belarus.pad(0.5) }).fitBounds(belarus);
    // The tiles' own credit only, without Leaflet's prefix and its flag.
    view.attributionControl.setPrefix(false);
    var tiles = L.tileLayer(text.tiles, { maxZoom: 18, attribution: text.attribution });
    // A grey map with no word is not an answer: when no tile loads, say so (the organisations are still shown).
    // Said on a tile's error, and also when none has loaded 6 s after the first asked: a tile server that drops the
    // connection never errors, and tiles taken back by a zoom (Leaflet aborts them) end in no event at all.
    var tilesLoaded = 0;
    var tilesFailed = document.getElementById('map-tiles-failed');
    var tilesWaited = null;
    function tilesMissing() { if (tilesFailed && tilesLoaded === 0) { tilesFailed.hidden = false; } }
    tiles.on('tileload', function () { tilesLoaded++; if (tilesFailed) { tilesFailed.hidden = true; } });
    tiles.on('tileerror', tilesMissing);
    tiles.on('loading', function () { if (tilesWaited === null) { tilesWaited = setTimeout(tilesMissing, 6000); } });
    tiles.addTo(view);
    var layer = L.layerGroup().addTo(view);
    var sphere = document.getElementById('map-sphere');
    var colours = { good: '#1b6e34', fair: '#d98e04', poor: '#b3261e', none: '#6b7580' };
    var pending = null;

    function popup(p) {
      var box = document.createElement('div');
      var name = document.createElement('strong');
      name.textContent = p.name;
      box.appendChild(name);
      var line = document.createElement('div');
      line.textContent = p.score !== null && p.score !== undefined
        ? decimal(p.score, 2) + ' · ' + p.ratingsCount + ' ' + text.ratings : text.unrated;
      box.appendChild(line);
      var links = document.createElement('div');
      [['/o/' + p.id, text.open], ['/o/' + p.id + '/rate', text.rate]].forEach(function (l) {
        var a = document.createElement('a');
        a.href = l[0];
        a.textContent = l[1];
        a.style.marginRight = '12px';
        links.appendChild(a);
      });
      box.appendChild(links);
      return box;
    }

    // A cluster's colour follows its mean score on a scale from red (3.5 and below) to green (5); grey when unrated.
    // (The means of many organisations lie close together: a 1–5 scale would paint every group the same green.)
    function clusterColour(score) {
      if (score === null || score === undefined) { return colours.none; }
      var share = Math.max(0, Math.min(1, (score - 3.5) / 1.5));
      return 'hsl(' + Math.round(share * 120) + ', 70%, ' + Math.round(38 - share * 8) + '%)';
    }

    // Organisations at one address: one marker with their number; a click spreads them around it (a few) or lists
    // them in a popup (many).
    function sameSpot(group, at) {
      var marker = L.marker(at, { icon: L.divIcon({ className: '', iconSize: [30, 30],
        html: spotIcon(group.length) }), title: group.length + ' ' + text.here, keyboard: true }).addTo(layer);
      if (group.length > 8) {
        var list = document.createElement('div');
        list.className = 'spot-list';
        group.forEach(function (p) { list.appendChild(popup(p)); });
        marker.bindPopup(list, { maxHeight: 280 });
        return;
      }
      marker.on('click', function () {
        var centre = view.latLngToLayerPoint(at);
        layer.removeLayer(marker);
        group.forEach(function (p, i) {
          var angle = 2 * Math.PI * i / group.length;
          var spread = view.layerPointToLatLng(L.point(centre.x + 36 * Math.cos(angle), centre.y + 36 * Math.sin(angle)));
          L.polyline([at, spread], { color: '#555', weight: 1, interactive: false }).addTo(layer);
          L.circleMarker(spread, { radius: 8, weight: 2, color: '#fff', fillColor: colours[scoreClass(p.score)], fillOpacity: 0.95 })
            .bindPopup(popup(p)).addTo(layer);
        });
      });
    }

    function spotIcon(count) {
      var spot = document.createElement('div');
      spot.className = 'cluster-icon spot';
      spot.textContent = count;
      return spot;
    }

    // The list under the map: what is on the screen, best first (or a hint to zoom in while it shows clusters).
    var list = document.getElementById('map-list');
    function showList(points, clustered) {
      if (!list) { return; }
      list.textContent = '';
      var heading = document.getElementById('map-list-heading');
      if (clustered && points.length === 0) {
        heading.textContent = text.zoomIn;
        return;
      }
      heading.textContent = text.listHeading.replace('{0}', points.length);
      points.slice().sort(function (a, b) { return (b.score || 0) - (a.score || 0); }).slice(0, 100).forEach(function (p) {
        var item = document.createElement('li');
        var link = document.createElement('a');
        link.href = '/o/' + p.id;
        link.textContent = p.name;
        item.appendChild(link);
        var figure = document.createElement('span');
        figure.className = 'muted';
        figure.textContent = ' · ' + (p.score !== null && p.score !== undefined ? decimal(p.score, 2) : text.unrated);
        item.appendChild(figure);
        list.appendChild(item);
      });
    }

    // The map says what it shows: data-state "moving" while the view changes, "loading" while it fetches the view's
    // organisations, "drawn" once they are on it (data-draws counts the drawings), so a reader (a screen reader's
    // status, a test) knows when the markers it sees are the ones that stay.
    var draws = 0;
    function state(value) { element.dataset.state = value; }

    function load() {
      state('loading');
      var b = view.getBounds();
      var bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(5); }).join(',');
      var url = '/api/v1/map/organizations?bbox=' + bbox + '&zoom=' + view.getZoom()
        + (sphere && sphere.value ? '&sphere=' + sphere.value : '');
      if (pending) { pending.abort(); }
      pending = new AbortController();
      fetch(url, { signal: pending.signal, headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : { features: [] }; })
        .then(function (data) {
          layer.clearLayers();
          var spots = {};
          var points = [];
          var clustered = false;
          data.features.forEach(function (f) {
            var p = f.properties;
            var at = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
            if (p.cluster) {
              clustered = true;
              var size = p.size || 40;
              // Built as an element, sized and coloured through the CSSOM: the CSP refuses inline style attributes.
              var bubble = document.createElement('div');
              bubble.className = 'cluster-icon';
              bubble.style.width = size + 'px';
              bubble.style.height = size + 'px';
              bubble.style.background = clusterColour(p.score);
              bubble.textContent = p.count;
              var icon = L.divIcon({ className: '', iconSize: [size, size], html: bubble });
              var title = p.count + ' ' + text.cluster + (p.score !== null && p.score !== undefined ? ' · ' + decimal(p.score, 2) : '');
              L.marker(at, { icon: icon, title: title, keyboard: true })
                .on('click', function () { view.setView(at, Math.min(view.getZoom() + 2, 18)); })
                .addTo(layer);
            } else {
              points.push(p);
              var key = at[0].toFixed(5) + ',' + at[1].toFixed(5);
              (spots[key] = spots[key] || { at: at, group: [] }).group.push(p);
            }
          });
          Object.keys(spots).forEach(function (key) {
            var spot = spots[key];
            if (spot.group.length > 1) {
              sameSpot(spot.group, spot.at);
            } else {
              var p = spot.group[0];
              L.circleMarker(spot.at, { radius: 8, weight: 2, color: '#fff', fillColor: colours[scoreClass(p.score)], fillOpacity: 0.95 })
                .bindPopup(popup(p)).addTo(layer);
            }
          });
          showList(points, clustered);
          element.dataset.draws = ++draws;
          state('drawn');
        })
        .catch(function (e) {
          // An abort means a newer view replaced this request (and is loading); anything else left the map as it was.
          if (e.name !== 'AbortError') { state('failed'); }
        });
    }

    // "Near me": only when the citizen asks, the browser's position (it asks for consent), then that street.
    var near = document.getElementById('near-me');
    if (near && navigator.geolocation) {
      near.hidden = false;
      near.addEventListener('click', function () {
        navigator.geolocation.getCurrentPosition(function (position) {
          var here = [position.coords.latitude, position.coords.longitude];
          view.setView(here, 15);
          L.circleMarker(here, { radius: 6, color: '#0b5cad', fillColor: '#0b5cad', fillOpacity: 1 }).addTo(view);
        }, function () { near.textContent = text.noPosition; });
      });
    }

    view.on('movestart zoomstart', function () { state('moving'); });
    view.on('moveend', load);
    if (sphere) { sphere.addEventListener('change', load); }
    load();
  }

  // Infographics: ECharts over the statistics embedded in the page.
  function charts() {
    var page = document.querySelector('.infographics[data-stats]');
    if (!page || !window.echarts) { return; }
    var stats = JSON.parse(page.getAttribute('data-stats'));
    var t = page.dataset;
    function chart(id, option) {
      var element = document.getElementById(id);
      if (!element) { return; }
      var c = echarts.init(element);
      c.setOption(option);
      window.addEventListener('resize', function () { c.resize(); });
    }
    var grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
    // Numbers and months as the page's language writes them (ECharts itself writes 7,000 and 2026-08 everywhere).
    var lang = document.documentElement.lang || 'ru';
    var months = new Intl.DateTimeFormat(lang, { month: 'short', year: 'numeric' });
    function monthName(value) {
      var parts = String(value).split('-');
      return parts.length === 2 ? months.format(new Date(+parts[0], +parts[1] - 1, 1)) : value;
    }
    function number(value) { return Number(value).toLocaleString(lang); }
    chart('chart-months', {
      tooltip: { trigger: 'axis' }, legend: { data: [t.satisfaction, t.score] }, grid: grid,
      xAxis: { type: 'category', data: stats.byMonth.map(function (m) { return m.month; }), axisLabel: { formatter: monthName } },
      yAxis: [{ type: 'value', min: 50, max: 100, name: '%', axisLabel: { formatter: number } },
        { type: 'value', min: 1, max: 5, axisLabel: { formatter: number } }],
      series: [
        { name: t.satisfaction, type: 'line', smooth: true, data: stats.byMonth.map(function (m) { return m.satisfaction; }) },
        { name: t.score, type: 'line', smooth: true, yAxisIndex: 1, data: stats.byMonth.map(function (m) { return m.averageScore; }) }
      ]
    });
    var spheres = stats.bySphere.slice().sort(function (a, b) { return (a.satisfaction || 0) - (b.satisfaction || 0); });
    chart('chart-spheres', {
      tooltip: { trigger: 'axis' }, grid: grid,
      xAxis: { type: 'value', min: 0, max: 100, name: '%', axisLabel: { formatter: number } },
      // Long sphere names wrap onto a second line rather than being cut.
      yAxis: { type: 'category', data: spheres.map(function (s) { return s.name; }),
        axisLabel: { width: Math.min(220, Math.round(page.clientWidth * 0.45)), overflow: 'break', lineHeight: 13, fontSize: 11 } },
      series: [{ name: t.satisfaction, type: 'bar', data: spheres.map(function (s) { return s.satisfaction; }), itemStyle: { color: '#0b5cad' } }]
    });
    chart('chart-regions', {
      tooltip: { trigger: 'axis' }, grid: grid,
      xAxis: { type: 'category', data: stats.byRegion.map(function (r) { return r.name; }), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', min: 0, max: 100, name: '%', axisLabel: { formatter: number } },
      series: [{ name: t.satisfaction, type: 'bar', data: stats.byRegion.map(function (r) { return r.satisfaction; }), itemStyle: { color: '#1b6e34' } }]
    });
    chart('chart-distribution', {
      tooltip: { trigger: 'axis' }, grid: grid,
      xAxis: { type: 'category', data: stats.distribution.map(function (b) {
        return Number(b.from).toLocaleString(lang, { minimumFractionDigits: 1 }) + '–' + Number(b.to).toLocaleString(lang, { minimumFractionDigits: 1 });
      }) },
      yAxis: { type: 'value', name: t.organizations, axisLabel: { formatter: number } },
      series: [{ name: t.organizations, type: 'bar', data: stats.distribution.map(function (b) { return b.organizations; }), itemStyle: { color: '#8a5a00' } }]
    });
  }

  // A form's error summary takes the focus (screen readers read it first); its links move to the field.
  function errorSummary() {
    var summary = document.querySelector('[data-error-summary]');
    if (!summary) { return; }
    summary.focus();
    summary.addEventListener('click', function (event) {
      var link = event.target.closest('a[href^="#"]');
      var field = link && document.getElementById(link.getAttribute('href').substring(1));
      if (field) { event.preventDefault(); field.focus(); field.scrollIntoView({ block: 'center' }); }
    });
  }

  // A button that sends once: pressed again while the page is on its way, nothing is sent twice. One watch per form:
  // a form with two such buttons (helpful or not) would otherwise stop its own first submission.
  function sendOnce() {
    var forms = [];
    document.querySelectorAll('button[data-once]').forEach(function (button) {
      if (button.form && forms.indexOf(button.form) < 0) { forms.push(button.form); }
    });
    forms.forEach(function (form) {
      form.addEventListener('submit', function (event) {
        if (form.getAttribute('data-sending')) { event.preventDefault(); return; }
        form.setAttribute('data-sending', '1');
        var pressed = event.submitter && event.submitter.hasAttribute('data-once') ? event.submitter
          : form.querySelector('button[data-once]');
        if (pressed) {
          pressed.setAttribute('aria-disabled', 'true');
          pressed.classList.add('sending');
        }
      });
    });
  }

  // Filters folded for phones open by themselves on wide screens.
  function openWide() {
    if (!window.matchMedia('(min-width: 760px)').matches) { return; }
    document.querySelectorAll('details[data-open-wide]').forEach(function (d) { d.open = true; });
  }

  // "Nearest first" on the search page: the browser's position (asked only when the citizen clicks the button or
  // chooses that order), then the list by distance. Refused, the page says how else (a district's centre).
  function nearestFirst() {
    var button = document.getElementById('nearest');
    var near = document.getElementById('near');
    var sort = document.getElementById('sort');
    if (!button || !near || !sort || !navigator.geolocation) { return; }
    button.hidden = false;
    function locate() {
      navigator.geolocation.getCurrentPosition(function (position) {
        near.value = position.coords.latitude.toFixed(3) + ',' + position.coords.longitude.toFixed(3);
        sort.value = 'near';
        near.form.requestSubmit();
      });
    }
    button.addEventListener('click', locate);
    sort.addEventListener('change', function () {
      if (sort.value === 'near' && !near.value) { locate(); }
    });
  }

  // A poll's results: a bar per option of each choice question (the tables under them say the same in words).
  function pollCharts() {
    var page = document.querySelector('.poll-results[data-results]');
    if (!page || !window.echarts) { return; }
    var results = JSON.parse(page.getAttribute('data-results'));
    var lang = document.documentElement.lang || 'ru';
    document.querySelectorAll('.poll-chart').forEach(function (element) {
      var question = results.questions[+element.getAttribute('data-question')];
      var chart = echarts.init(element);
      chart.setOption({
        grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: function (v) { return Number(v).toLocaleString(lang) + ' %'; } } },
        yAxis: { type: 'category', inverse: true, data: question.options.map(function (o) { return o.text; }),
          axisLabel: { width: Math.min(200, Math.round(page.clientWidth * 0.4)), overflow: 'break' } },
        series: [{ type: 'bar', data: question.options.map(function (o) { return o.share; }), itemStyle: { color: '#0b5cad' },
          label: { show: true, position: 'right', formatter: function (p) { return Number(p.value).toLocaleString(lang) + ' %'; } } }]
      });
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }

  onReady(function () {
    pollCharts();
    errorSummary();
    openWide();
    nearestFirst();
    sendOnce();
    submitOnChange(['sphere', 'region', 'scope', 'ranking-sphere', 'ranking-within', 'ranking-region', 'ranking-district']);
    commentCounter();
    liveScore();
    map();
    charts();
  });
})();
