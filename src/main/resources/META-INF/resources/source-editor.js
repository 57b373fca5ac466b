// The new-letter form: the date read as Casefile will read it, as it is typed (GET /api/edtf), and a text file read
// into the text field (UTF-8; a file that is not is refused, not guessed at).
(function () {
  'use strict';
  var date = document.getElementById('date');
  var check = document.getElementById('date-check');
  if (date && check) {
    var pending = 0;
    var show = function () {
      var value = date.value.trim();
      var asked = ++pending;
      if (!value) {
        check.textContent = 'No date: the letter is stored undated.';
        check.classList.remove('invalid');
        return;
      }
      fetch('/api/edtf?value=' + encodeURIComponent(value), { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (answer) {
          if (asked !== pending) { return; }
          if (answer.ok) {
            var d = answer.body;
            var span = d.earliest === d.latest && d.earliest ? 'the day ' + d.earliest
              : 'earliest ' + (d.earliest || 'open') + ', latest ' + (d.latest || 'open');
            check.textContent = 'Read as ' + d.edtf + ': ' + span + '.';
            check.classList.remove('invalid');
          } else {
            check.textContent = answer.body.detail || 'Not a date Casefile reads.';
            check.classList.add('invalid');
          }
        })
        .catch(function () { if (asked === pending) { check.textContent = ''; } });
    };
    date.addEventListener('input', show);
    show();
  }
  var upload = document.getElementById('upload');
  var file = document.getElementById('file');
  var text = document.getElementById('text');
  var fileCheck = document.getElementById('file-check');
  if (upload && file && text && window.TextDecoder) {
    upload.hidden = false;
    file.addEventListener('change', function () {
      var chosen = file.files && file.files[0];
      if (!chosen) { return; }
      chosen.arrayBuffer().then(function (bytes) {
        try {
          text.value = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
          fileCheck.textContent = 'Read ' + chosen.name + ' into the text field.';
          fileCheck.classList.remove('invalid');
        } catch (e) {
          fileCheck.textContent = chosen.name + ' is not UTF-8 text; save it as UTF-8, or paste its text.';
          fileCheck.classList.add('invalid');
        }
      });
    });
  }
}());
