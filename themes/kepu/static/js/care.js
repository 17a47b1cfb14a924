/* 关怀模式: the toolbar's controls (larger type, high contrast, read aloud,
   large cursor, plain view), kept in localStorage and applied by the small
   script in <head> before the first paint. Without JavaScript the toolbar
   stays hidden and the page reads as it is. */
(function () {
  "use strict";
  var KEY = "kepu-care";
  var SIZES = ["标准", "大", "特大"];
  var root = document.documentElement;
  /* The share box's print button: the article's print stylesheet makes
     the page an A4 sheet, so printing is the browser's own. */
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
  var bar = document.getElementById("care-bar");
  if (!bar) {
    return;
  }
  /* The toolbar's buttons are drawn here rather than repeated in every
     page's HTML (partials/care_bar.html). */
  bar.innerHTML =
    '<div class="wrap care-bar-inner">' +
    '<button type="button" class="care-open" data-care="open" aria-expanded="false" aria-controls="care-controls">关怀模式</button>' +
    '<span class="care-controls" id="care-controls" hidden>' +
    '<button type="button" data-care="size">大字：标准</button>' +
    '<button type="button" data-care="contrast" aria-pressed="false">高对比度</button>' +
    '<button type="button" data-care="read" aria-pressed="false">朗读</button>' +
    '<button type="button" data-care="pause" hidden>暂停</button>' +
    '<button type="button" data-care="stop" hidden>停止</button>' +
    '<button type="button" data-care="cursor" aria-pressed="false">大鼠标</button>' +
    '<button type="button" data-care="simple" aria-pressed="false">简洁</button>' +
    '<button type="button" data-care="reset">恢复</button>' +
    "</span>" +
    '<span class="care-status" role="status"></span>' +
    "</div>";
  var status = bar.querySelector(".care-status");
  var controls = document.getElementById("care-controls");
  var statement = bar.getAttribute("data-statement");
  if (statement) {
    var link = document.createElement("a");
    link.href = statement;
    link.textContent = "无障碍声明";
    controls.appendChild(link);
  }
  var choices = {};
  try {
    choices = JSON.parse(localStorage.getItem(KEY) || "{}") || {};
  } catch (e) {
    choices = {};
  }

  function save() {
    try {
      localStorage.setItem(KEY, JSON.stringify(choices));
    } catch (e) {
      /* private browsing: the choice lasts for this page only */
    }
  }

  function apply() {
    ["size", "contrast", "cursor", "simple"].forEach(function (name) {
      if (choices[name]) {
        root.setAttribute("data-care-" + name, String(choices[name]));
      } else {
        root.removeAttribute("data-care-" + name);
      }
    });
    controls.hidden = !choices.open;
    bar.querySelector('[data-care="open"]').setAttribute("aria-expanded", choices.open ? "true" : "false");
    var size = bar.querySelector('[data-care="size"]');
    size.textContent = "大字：" + SIZES[choices.size || 0];
    ["contrast", "cursor", "simple"].forEach(function (name) {
      var button = bar.querySelector('[data-care="' + name + '"]');
      button.setAttribute("aria-pressed", choices[name] ? "true" : "false");
    });
  }

  function say(text) {
    status.textContent = text;
  }

  /* ---- 朗读: the article, sentence by sentence, the one being read
     highlighted (CSS Custom Highlight API where the browser has it). ---- */
  var reading = null;
  var speech = window.speechSynthesis;

  function articleRoot() {
    return document.querySelector("main .prose") || document.querySelector("main");
  }

  /* The text of `element` cut into sentences, each with the ranges of the
     text nodes it covers; a block (a heading without a full stop) ends one. */
  function sentences(element) {
    var nodes = [];
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.closest("script, style, svg, .heading-anchor, [aria-hidden=true]")) {
        nodes.push(node);
      }
    }
    var BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, td, th, dt, dd, figcaption, blockquote";
    var found = [];
    var current = { text: "", ranges: [] };
    function close() {
      if (current.text.trim()) {
        found.push(current);
      }
      current = { text: "", ranges: [] };
    }
    nodes.forEach(function (node, n) {
      var text = node.data;
      var start = 0;
      for (var i = 0; i < text.length; i++) {
        if ("。！？；!?\n".indexOf(text[i]) >= 0) {
          current.text += text.slice(start, i + 1);
          current.ranges.push([node, start, i + 1]);
          start = i + 1;
          close();
        }
      }
      if (start < text.length) {
        current.text += text.slice(start);
        current.ranges.push([node, start, text.length]);
      }
      var block = node.parentElement.closest(BLOCKS);
      var next = nodes[n + 1];
      if (!next || !block || !block.contains(next)) {
        close();
      }
    });
    return found;
  }

  function highlight(sentence) {
    if (!window.CSS || !CSS.highlights || typeof Highlight === "undefined") {
      return;
    }
    CSS.highlights.delete("care-reading");
    if (!sentence) {
      return;
    }
    var ranges = sentence.ranges.map(function (piece) {
      var range = document.createRange();
      range.setStart(piece[0], piece[1]);
      range.setEnd(piece[0], piece[2]);
      return range;
    });
    CSS.highlights.set("care-reading", new Highlight(ranges[0]));
    ranges.slice(1).forEach(function (range) {
      CSS.highlights.get("care-reading").add(range);
    });
  }

  function chineseVoice(then) {
    var voices = speech.getVoices();
    function pick() {
      return speech.getVoices().filter(function (v) {
        return /^zh/i.test(v.lang);
      })[0];
    }
    if (voices.length) {
      then(pick());
      return;
    }
    /* Voices arrive a moment after the page loads in some browsers. */
    var answered = false;
    function answer() {
      if (!answered) {
        answered = true;
        then(pick());
      }
    }
    speech.addEventListener("voiceschanged", answer, { once: true });
    setTimeout(answer, 1500);
  }

  function showReading(on) {
    bar.querySelector('[data-care="pause"]').hidden = !on;
    bar.querySelector('[data-care="stop"]').hidden = !on;
    bar.querySelector('[data-care="read"]').setAttribute("aria-pressed", on ? "true" : "false");
  }

  function stopReading() {
    reading = null;
    if (speech) {
      speech.cancel();
    }
    highlight(null);
    showReading(false);
    bar.querySelector('[data-care="pause"]').textContent = "暂停";
  }

  function startReading() {
    if (!speech || typeof SpeechSynthesisUtterance === "undefined") {
      say("这个浏览器不能朗读网页。");
      return;
    }
    chineseVoice(function (voice) {
      if (!voice) {
        say("这个浏览器没有中文语音，无法朗读。可在手机或电脑的系统设置里添加中文语音后再试。");
        return;
      }
      var parts = sentences(articleRoot());
      if (!parts.length) {
        say("本页没有可以朗读的正文。");
        return;
      }
      speech.cancel();
      reading = { parts: parts };
      showReading(true);
      say("正在朗读正文。");
      var session = reading;
      parts.forEach(function (part, index) {
        var utterance = new SpeechSynthesisUtterance(part.text);
        utterance.lang = "zh-CN";
        try {
          utterance.voice = voice;
        } catch (e) {
          /* the language alone chooses a voice */
        }
        utterance.onstart = function () {
          if (reading === session) {
            highlight(part);
          }
        };
        utterance.onend = function () {
          if (reading === session && index === parts.length - 1) {
            stopReading();
            say("朗读完毕。");
          }
        };
        speech.speak(utterance);
      });
    });
  }

  function pauseOrResume(button) {
    if (!reading) {
      return;
    }
    if (reading.paused) {
      speech.resume();
      reading.paused = false;
      button.textContent = "暂停";
      say("继续朗读。");
    } else {
      speech.pause();
      reading.paused = true;
      button.textContent = "继续";
      say("已暂停。");
    }
  }

  bar.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-care]");
    if (!button) {
      return;
    }
    var name = button.getAttribute("data-care");
    if (name === "open") {
      choices.open = !choices.open;
    } else if (name === "size") {
      choices.size = ((choices.size || 0) + 1) % SIZES.length;
      say("字号：" + SIZES[choices.size] + "。");
    } else if (name === "contrast" || name === "cursor" || name === "simple") {
      choices[name] = !choices[name];
    } else if (name === "reset") {
      choices = { open: true };
      say("已恢复标准显示。");
    } else if (name === "read") {
      if (reading) {
        stopReading();
        say("已停止朗读。");
      } else {
        startReading();
      }
      return;
    } else if (name === "pause") {
      pauseOrResume(button);
      return;
    } else if (name === "stop") {
      stopReading();
      say("已停止朗读。");
      return;
    }
    save();
    apply();
  });

  /* Alt+Shift+C opens the toolbar and moves the focus there, from anywhere. */
  document.addEventListener("keydown", function (event) {
    if (event.altKey && event.shiftKey && (event.key === "C" || event.key === "c" || event.code === "KeyC")) {
      event.preventDefault();
      choices.open = true;
      save();
      apply();
      bar.querySelector('[data-care="size"]').focus();
    }
  });

  window.addEventListener("pagehide", function () {
    if (reading) {
      speech.cancel();
    }
  });

  apply();
  bar.hidden = false;
})();
