// The cabinet: the year's chart, and new questionnaires of the subtree as they arrive (SSE; the browser resumes with
// Last-Event-ID after a dropped connection). Text goes in through textContent only.
(function () {
  'use strict';
  var root = document.querySelector('[data-cabinet]');
  if (!root) { return; }
  var id = root.getAttribute('data-cabinet');

  var chartBox = document.getElementById('cabinet-chart');
  if (chartBox && window.echarts) {
    var data = JSON.parse(chartBox.getAttribute('data-chart'));
    if (data.months.length) {
      var chart = window.echarts.init(chartBox);
      chart.setOption({
        grid: { left: 40, right: 40, top: 20, bottom: 30 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: data.months },
        yAxis: [{ type: 'value', min: 1, max: 5 }, { type: 'value', splitLine: { show: false } }],
        series: [{ type: 'line', data: data.scores, smooth: true },
                 { type: 'bar', yAxisIndex: 1, data: data.counts, itemStyle: { opacity: 0.3 } }]
      });
      window.addEventListener('resize', function () { chart.resize(); });
    } else {
      chartBox.hidden = true;
    }
  }

  // Back from a reply to several: what the page says of it is in view, though the chart above took its height since.
  if (location.hash === '#bulk-done' || location.hash === '#reply-error') {
    var said = document.querySelector(location.hash);
    if (said) { said.scrollIntoView({ block: 'start' }); }
  }

  // Reply templates: each reply box offers them; picking one puts its text in the box (after what is typed there).
  var templates = document.getElementById('template-source');
  if (templates) {
    Array.prototype.forEach.call(document.querySelectorAll('select[data-template-pick]'), function (pick) {
      Array.prototype.forEach.call(templates.options, function (option) {
        pick.appendChild(option.cloneNode(true));
      });
      pick.closest('label').hidden = false;
      pick.addEventListener('change', function () {
        var box = pick.form.querySelector('textarea[name=text]');
        if (!pick.value || !box) { return; }
        box.value = box.value.trim() ? box.value.replace(/\s+$/, '') + '\n\n' + pick.value : pick.value;
        pick.value = '';
        box.focus();
      });
    });
  }

  var feed = document.getElementById('feed');
  var template = document.getElementById('live-item');
  var note = document.getElementById('live-note');
  if (!feed || !template || !window.EventSource) { return; }
  var source = new EventSource('/api/v1/cabinet/organizations/' + id + '/events');
  var arrived = 0;
  // Open: the server has joined this page to the subtree's stream (it sends its first line only then).
  source.onopen = function () { note.setAttribute('data-live', 'open'); };
  source.addEventListener('questionnaire', function (event) {
    var q = JSON.parse(event.data);
    if (document.getElementById('q' + q.id)) { return; }
    var item = template.content.firstElementChild.cloneNode(true);
    item.id = 'q' + q.id;
    var score = item.querySelector('.score');
    score.textContent = Number(q.mean).toFixed(1);
    score.classList.add(q.mean >= 4 ? 'good' : (q.mean >= 3 ? 'fair' : 'poor'));
    var org = item.querySelector('.org');
    org.textContent = q.organization.name;
    org.href = '/o/' + q.organization.id;
    item.querySelector('time').textContent = new Date(q.createdAt).toLocaleString(document.documentElement.lang || undefined);
    item.querySelector('.comment').textContent = q.comment || '';
    item.querySelector('.answer').href = '/cabinet/' + id + '?replied=false#q' + q.id;
    feed.insertBefore(item, feed.firstChild);
    arrived += 1;
    note.textContent = '+' + arrived;
  });
})();
