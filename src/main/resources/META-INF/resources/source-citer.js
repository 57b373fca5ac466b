// Citing by selecting, on a letter's page (editors): the passage selected in the text, as code points of the stored
// text, becomes the citation of a person, of a custody state, charge, affiliation or citizenship of a person, of an
// incident and who took part, of a reported figure, or one more citation of a fact already recorded; saved through the
// API (POST /api/persons, /api/facts, /api/facts/{id}/citations), the write path every fact takes. The quote is sent as selected; when it stands more than once in the letter, the words
// just before and after it are sent too, so the service places it exactly where it was selected.
(function () {
  'use strict';
  var panel = document.getElementById('cite-panel');
  var letter = document.querySelector('.letter-text');
  var form = document.getElementById('cite-form');
  if (!panel || !letter || !form) { return; }
  var source = panel.getAttribute('data-source');
  var csrf = panel.getAttribute('data-csrf');
  var base = parseInt(letter.getAttribute('data-start'), 10) || 0;
  var quoteEl = document.getElementById('cite-quote');
  var rangeEl = document.getElementById('cite-range');
  var hint = document.getElementById('cite-hint');
  var result = document.getElementById('cite-result');
  var personSelect = document.getElementById('cite-person');
  var AROUND = 32;
  var MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
    'november', 'december'];
  // Words that say which custody state a passage reports, most specific first.
  var STATES = [[/house arrest/i, 'house_arrest'], [/released on bail|\bbail\b/i, 'released_on_bail'],
    [/judicial supervision/i, 'judicial_supervision'], [/in absentia/i, 'convicted_in_absentia'],
    [/pre-?trial|\bdetain/i, 'pretrial_detention'], [/\barrest/i, 'arrested'],
    [/imprison|sentenced|\bjail|\bprison/i, 'imprisoned'], [/releas|\bfreed\b/i, 'released'], [/exile/i, 'in_exile'],
    [/\bdied\b|\bdeath\b|\bdead\b/i, 'deceased'], [/\bwanted\b|warrant/i, 'wanted']];
  // Words that say a charge, and its stage.
  var STAGES = [[/\bconvicted\b|\bfound guilty\b/i, 'convicted'], [/\bacquitted\b/i, 'acquitted'],
    [/\bdropped\b/i, 'dropped'], [/\bon trial\b|\btrial\b/i, 'on_trial'], [/\bcharg/i, 'charged'], [/\baccused\b/i, 'alleged']];
  var current = null;

  function codePoints(s) { return Array.from(s).length; }

  // The letter's text within a range: what the reader selected, without the passages' reference numbers.
  function textOf(range) {
    var copy = document.createElement('div');
    copy.appendChild(range.cloneContents());
    Array.prototype.forEach.call(copy.querySelectorAll('sup.cite-ref'), function (sup) { sup.remove(); });
    return copy.textContent;
  }

  function wholeText() {
    var r = document.createRange();
    r.selectNodeContents(letter);
    return textOf(r);
  }

  function occurrences(text, quote) {
    var n = 0;
    var lower = text.toLowerCase();
    var q = quote.toLowerCase();
    for (var at = lower.indexOf(q); at >= 0; at = lower.indexOf(q, at + 1)) { n++; }
    return n;
  }

  function isoDay(quote) {
    var m = /(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December),?\s+(\d{4})/i.exec(quote);
    var day, month, year;
    if (m) { day = m[1]; month = m[2]; year = m[3]; } else {
      m = /(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),?\s+(\d{4})/i.exec(quote);
      if (!m) { return ''; }
      month = m[1]; day = m[2]; year = m[3];
    }
    var mm = MONTHS.indexOf(month.toLowerCase()) + 1;
    return year + '-' + (mm < 10 ? '0' : '') + mm + '-' + (day.length < 2 ? '0' : '') + day;
  }

  function firstMatch(rules, quote) {
    for (var i = 0; i < rules.length; i++) { if (rules[i][0].test(quote)) { return rules[i][1]; } }
    return null;
  }

  function show(kind) {
    Array.prototype.forEach.call(form.querySelectorAll('.cite-fields'), function (f) { f.hidden = f.getAttribute('data-kind') !== kind; });
    form.querySelector('.cite-person').hidden = kind === 'person' || kind === 'incident' || kind === 'figure';
    form.querySelector('input[name=kind][value=' + kind + ']').checked = true;
    if (kind === 'passage') { listFacts(); }
  }

  // The facts recorded about the person chosen, for citing this passage as one more source of one of them.
  function listFacts() {
    var select = document.getElementById('cite-fact');
    var person = personSelect.value;
    select.textContent = '';
    function option(value, text) {
      var o = document.createElement('option');
      o.value = value;
      o.textContent = text;
      select.appendChild(o);
    }
    if (!person) { option('', 'Choose a person first'); return; }
    fetch('/api/persons/' + encodeURIComponent(person), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (p) {
        var facts = [];
        (p.custody || []).forEach(function (c) { facts.push([c.factId, 'custody: ' + c.state.replace(/_/g, ' ') + (c.start ? ' from ' + c.start : '') + (c.end ? ' to ' + c.end : '')]); });
        (p.charges || []).forEach(function (c) { facts.push([c.factId, 'charge: ' + c.charge + ' (' + c.stage.replace(/_/g, ' ') + ')']); });
        (p.affiliations || []).forEach(function (a) { facts.push([a.factId, 'affiliation: ' + (a.role || 'member') + (a.organizationName ? ' of ' + a.organizationName : '')]); });
        (p.citizenships || []).forEach(function (z) { facts.push([z.factId, 'citizenship: ' + z.country]); });
        (p.incidents || []).forEach(function (i) { facts.push([i.factId, 'took part in: ' + (i.title || i.incident) + ' (' + i.role.replace(/_/g, ' ') + ')']); });
        (p.names || []).forEach(function (n) { facts.push([n.factId, 'name: ' + n.name]); });
        if (!facts.length) { option('', 'No fact recorded about this person yet'); return; }
        facts.forEach(function (f) { option(f[0], f[1] + ' (fact ' + f[0] + ')'); });
      })
      .catch(function () { option('', 'The facts could not be read; try again'); });
  }

  // A person just saved: offered, and chosen, for the facts that follow.
  function choosePerson(id, name) {
    var option = personSelect.querySelector('option[value="' + CSS.escape(id) + '"]');
    if (!option) {
      option = document.createElement('option');
      option.value = id;
      option.textContent = name + ' (' + id + ')';
      personSelect.appendChild(option);
    }
    personSelect.value = id;
  }

  function take() {
    var selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    if (!letter.contains(range.commonAncestorContainer)) { return; }
    var quote = textOf(range);
    if (!quote.trim()) { return; }
    var before = document.createRange();
    before.setStart(letter, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var start = codePoints(textOf(before));
    var end = start + codePoints(quote);
    // The same selection still there (a click in the panel ends with a mouseup too): what the editor chose stays.
    if (current && current.start === base + start && current.end === base + end && !form.hidden) { return; }
    var whole = Array.from(wholeText());
    current = { quote: quote, start: base + start, end: base + end };
    if (occurrences(whole.join(''), quote) > 1) {
      current.prefix = whole.slice(Math.max(0, start - AROUND), start).join('');
      current.suffix = whole.slice(end, end + AROUND).join('');
    }
    quoteEl.textContent = quote;
    rangeEl.textContent = '(characters ' + current.start + '–' + current.end + ')';
    form.hidden = false;
    hint.hidden = true;
    result.textContent = '';
    result.classList.remove('invalid');
    // Prefilled from what the passage makes plain; every field stays the editor's to change.
    var short = codePoints(quote) <= 80 ? quote.trim() : '';
    document.getElementById('cite-name').value = short;
    var day = isoDay(quote);
    var number = /\b\d{1,3}(,\d{3})+\b|\b\d+\b/.exec(quote.replace(/\b\d{1,2}\s+[A-Z][a-z]+,?\s+\d{4}\b/g, ''));
    Array.prototype.forEach.call(form.querySelectorAll('input[data-field]'), function (input) {
      if (input.type === 'checkbox') { input.checked = false; return; }
      input.value = input.hasAttribute('data-day') ? day : input.hasAttribute('data-quote') ? short
        : input.hasAttribute('data-number') && number ? number[0].replace(/,/g, '') : '';
    });
    var state = firstMatch(STATES, quote);
    if (state) { document.getElementById('cite-state').value = state; }
    var stage = firstMatch(STAGES, quote);
    if (stage) { document.getElementById('cite-stage').value = stage; }
    // The person the selection names, from where the page says each known person is named (data-spans).
    [personSelect, form.querySelector('.participant-person')].forEach(function (select) {
      Array.prototype.forEach.call(select.options, function (option) {
        (option.getAttribute('data-spans') || '').split(' ').forEach(function (span) {
          var at = span.split('-');
          if (span && +at[0] >= current.start && +at[1] <= current.end) { select.value = option.value; }
        });
      });
    });
    show(stage ? 'charge' : state ? 'custody' : 'person');
  }

  function citation() {
    var c = { source: source, quote: current.quote };
    if (current.prefix !== undefined) { c.prefix = current.prefix; c.suffix = current.suffix; }
    return c;
  }

  function say(parts, invalid) {
    result.textContent = '';
    parts.forEach(function (p) {
      if (typeof p === 'string') { result.appendChild(document.createTextNode(p)); return; }
      var a = document.createElement('a');
      a.href = p.href;
      a.textContent = p.text;
      result.appendChild(a);
    });
    result.classList.toggle('invalid', !!invalid);
    result.setAttribute('role', invalid ? 'alert' : 'status');
  }

  function post(path, body, ifMatch) {
    var headers = { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrf };
    if (ifMatch) { headers['If-Match'] = ifMatch; }
    return fetch(path, { method: 'POST', credentials: 'same-origin', headers: headers, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (json) { return { ok: r.ok, json: json }; }); });
  }

  // The fields of a kind (inputs with data-field); empty ones are left out.
  function fieldsOf(kind, fact) {
    Array.prototype.forEach.call(form.querySelectorAll('.cite-fields[data-kind=' + kind + '] [data-field]'), function (input) {
      var name = input.getAttribute('data-field');
      if (input.type === 'checkbox') {
        if (input.checked) { fact[name] = true; }
      } else if (input.value.trim()) {
        fact[name] = input.hasAttribute('data-number') ? Number(input.value.trim()) : input.value.trim();
      }
    });
    return fact;
  }

  function slug(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  }

  function sayCited(what, href, text) {
    say(['Saved: ' + what + ' ', { href: href, text: text }, ', citing this passage. Select another passage to cite more.']);
  }

  form.addEventListener('change', function (e) {
    if (e.target.name === 'kind') { show(e.target.value); }
    if (e.target === personSelect && form.querySelector('input[name=kind]:checked').value === 'passage') { listFacts(); }
  });

  // One more participant: a copy of the first row, with its own ids.
  var participants = 1;
  document.getElementById('add-participant').addEventListener('click', function () {
    var first = form.querySelector('.participant');
    var row = first.cloneNode(true);
    participants++;
    Array.prototype.forEach.call(row.querySelectorAll('[id]'), function (el) {
      var id = el.id.replace(/-\d+$/, '-' + participants);
      var label = row.querySelector('label[for="' + el.id + '"]');
      if (label) { label.htmlFor = id; }
      el.id = id;
    });
    row.querySelector('.participant-person').value = '';
    first.parentNode.insertBefore(row, this);
    row.querySelector('.participant-person').focus();
  });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (!current) { return; }
    var kind = form.querySelector('input[name=kind]:checked').value;
    var saved;
    if (kind === 'person') {
      var name = document.getElementById('cite-name').value.trim();
      saved = post('/api/persons', { name: name, concern: document.getElementById('cite-concern').checked, citations: [citation()] })
        .then(function (a) {
          if (!a.ok) { return a; }
          choosePerson(a.json.id, name);
          say(['Saved: ', { href: '/people/' + a.json.id, text: name }, ', citing this passage. Select another passage to cite more.']);
          return a;
        });
    } else if (kind === 'passage') {
      var factId = document.getElementById('cite-fact').value;
      if (!factId) { say(['Choose the fact this passage states too.'], true); return; }
      var body = citation();
      body.reason = document.getElementById('cite-passage-reason').value.trim();
      // The version read is the one changed: a change made meanwhile by someone else is refused (412), not overwritten.
      saved = fetch('/api/facts/' + factId, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return post('/api/facts/' + factId + '/citations', body, r.headers.get('ETag')); })
        .then(function (a) {
          if (a.ok) { sayCited('fact', '/facts/' + factId, 'fact ' + factId); }
          return a;
        });
    } else if (kind === 'incident') {
      var incident = fieldsOf(kind, { type: 'incident', citations: [citation()] });
      if (!incident.id && incident.title) { incident.id = slug(incident.title + ' ' + (incident.date || '')); }
      incident.participants = [];
      Array.prototype.forEach.call(form.querySelectorAll('.participant'), function (row) {
        var person = row.querySelector('.participant-person').value;
        if (person) { incident.participants.push({ person: person, role: row.querySelector('.participant-role').value }); }
      });
      saved = post('/api/facts', incident).then(function (a) {
        if (a.ok) { sayCited('the incident', '/facts/' + a.json[0].id, incident.title); }
        return a;
      });
    } else if (kind === 'figure') {
      var figure = fieldsOf(kind, { type: 'figure', citations: [citation()] });
      saved = post('/api/facts', figure).then(function (a) {
        if (a.ok) { sayCited('the figure', '/facts/' + a.json[0].id, figure.value + ' ' + (figure.counted || '')); }
        return a;
      });
    } else {
      var fact = fieldsOf(kind, { type: kind, person: personSelect.value, citations: [citation()] });
      saved = post('/api/facts', fact).then(function (a) {
        if (!a.ok) { return a; }
        var asOf = fact.start && /^\d{4}-\d{2}-\d{2}$/.test(fact.start) ? '?asOf=' + fact.start : '';
        say(['Saved: the ' + kind + ' of ',
          { href: '/people/' + fact.person + asOf, text: personSelect.options[personSelect.selectedIndex].textContent },
          ', citing this passage.']);
        return a;
      });
    }
    saved.then(function (a) {
      if (!a.ok) { say([(a.json.title ? a.json.title + ': ' : '') + (a.json.detail || 'not saved.')], true); }
    }).catch(function () { say(['Not saved: the service could not be reached. Try again.'], true); });
  });

  document.addEventListener('mouseup', function () { window.setTimeout(take, 0); });
  document.addEventListener('keyup', function (e) { if (e.shiftKey) { take(); } });


}());
