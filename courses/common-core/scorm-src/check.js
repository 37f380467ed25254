/*
 * Konteksts un saziņa / Context and communication — Tilts, common-core course.
 *
 * A small SCORM 1.2 SCO: six workplace situations, one question each, immediate feedback.
 * Works inside an LMS (SCORM 1.2 API found in a parent frame or the opener) and on its own
 * (no API: nothing is recorded and the footer says so). No external resources.
 *
 * Data model use:
 *   cmi.core.lesson_location  "1".."6" (the situation on screen) or "result"
 *   cmi.suspend_data          {"v":1,"a":[1,2,-1,...],"l":"lv"}: chosen option per situation
 *                             (-1 = not answered yet) and the language chosen
 *   cmi.core.score.raw/min/max, cmi.core.lesson_status (passed | failed), cmi.core.session_time
 */
(function () {
  'use strict';

  var MASTERY_SCORE = 80;
  var SUSPEND_VERSION = 1;

  // ---------------------------------------------------------------------------------------
  // Content
  // ---------------------------------------------------------------------------------------

  var QUESTIONS = [
    {
      id: 'teacher-yes',
      role: { lv: 'Skolotāja', en: 'Teacher' },
      situation: {
        lv: 'Vecāku sapulcē skolotāja aicina tēvu uz sarunu par dēla sekmēm nākamajā otrdienā. Tēvs smaida, pamāj ar galvu un saka: „Jā, jā, protams, parunāsim.” Konkrētu laiku viņš neapstiprina, un otrdien neierodas.',
        en: 'At a parents’ meeting the teacher invites a father to talk about his son’s progress next Tuesday. The father smiles, nods and says: “Yes, yes, of course, we will talk.” He does not confirm a time, and on Tuesday he does not come.',
      },
      question: { lv: 'Kā labāk saprast tēva „jā”?', en: 'How is the father’s “yes” best understood?' },
      options: [
        {
          text: {
            lv: 'Tēvs apsolīja atnākt un apzināti nepildīja solījumu.',
            en: 'The father promised to come and knowingly broke his promise.',
          },
          feedback: {
            lv: 'Tas ir zema konteksta lasījums: „jā” tiek uztverts burtiski kā apņemšanās. Augsta konteksta saziņā „jā” bieži nozīmē „es jūs dzirdu” vai ir pieklājības zīme, nevis piekrišana konkrētam laikam.',
            en: 'This is a low-context reading: “yes” is taken literally as a commitment. In high-context communication “yes” often means “I hear you” or is a sign of politeness, not agreement to a specific time.',
          },
        },
        {
          text: {
            lv: '„Jā” varēja nozīmēt „es jūs dzirdu” vai pieklājību. Nākamreiz piedāvājiet divus konkrētus laikus un palūdziet izvēlēties vienu.',
            en: '“Yes” may have meant “I hear you” or politeness. Next time offer two specific times and ask him to choose one.',
          },
          feedback: {
            lv: 'Augsta konteksta saziņā tieši atteikt var šķist nepieklājīgi, tāpēc „jā” nereti ir pieklājība. Konkrēta izvēle („otrdien plkst. 15 vai ceturtdien plkst. 16?”) palīdz abiem saprast, par ko tieši vienojāties — bez spiediena un pārmetumiem.',
            en: 'In high-context communication a direct “no” can feel impolite, so “yes” is often politeness. A concrete choice (“Tuesday at 3 pm or Thursday at 4 pm?”) helps you both know exactly what was agreed — without pressure or blame.',
          },
        },
        {
          text: {
            lv: 'Tēvam skolas lietas nav svarīgas, tāpēc turpmāk pietiks ar e-pastiem.',
            en: 'School matters are not important to the father, so e-mails will do from now on.',
          },
          feedback: {
            lv: 'Tas ir pieņēmums par cilvēka vērtībām, ko situācija nepierāda. Neskaidrs „jā” parasti liecina par atšķirīgu saziņas stilu, nevis par vienaldzību.',
            en: 'This is an assumption about the person’s values that the situation does not prove. A vague “yes” usually points to a different communication style, not to indifference.',
          },
        },
      ],
      correct: 1,
    },
    {
      id: 'police-documents',
      role: { lv: 'Policists', en: 'Police officer' },
      situation: {
        lv: 'Policists aptur automašīnu. Vadītājs runā latviski lēni un ar grūtībām. Policistam jāredz vadītāja apliecība un transportlīdzekļa reģistrācijas apliecība.',
        en: 'A police officer stops a car. The driver speaks Latvian slowly and with difficulty. The officer needs to see the driving licence and the vehicle registration certificate.',
      },
      question: {
        lv: 'Kurš formulējums ir skaidrākais vienkāršā latviešu valodā?',
        en: 'Which wording is the clearest in plain Latvian?',
      },
      options: [
        {
          text: {
            lv: '„Saskaņā ar normatīvo regulējumu jums ir pienākums uzrādīt transportlīdzekļa vadītāja apliecību un reģistrācijas dokumentus.”',
            en: '“In accordance with the regulatory framework you are obliged to present your driving licence and the registration documents.”',
          },
          feedback: {
            lv: 'Juridiski precīzi, bet tas ir garš teikums ar retiem vārdiem („normatīvais regulējums”, „uzrādīt”). Cilvēkam, kurš mācās latviešu valodu, to stresa brīdī ir grūti saprast.',
            en: 'Legally precise, but it is a long sentence with rare words (“regulatory framework”, “present”). Someone still learning Latvian will find it hard to follow in a stressful moment.',
          },
        },
        {
          text: { lv: '„Dokumentus!”', en: '“Documents!”' },
          feedback: {
            lv: 'Īsi, bet nav skaidrs, kurus dokumentus, un tonis izklausās draudīgs. Tas var radīt bailes un pārpratumus.',
            en: 'Short, but it does not say which documents, and the tone sounds threatening. It can cause fear and misunderstanding.',
          },
        },
        {
          text: {
            lv: '„Labdien! Lūdzu, parādiet savu vadītāja apliecību. Paldies. Tagad, lūdzu, mašīnas reģistrācijas apliecību.”',
            en: '“Good afternoon! Please show me your driving licence. Thank you. Now, please, the car’s registration certificate.”',
          },
          feedback: {
            lv: 'Viens lūgums vienā īsā teikumā, bieži lietoti vārdi un pieklājīgs tonis. Lūdzot pa vienam, ir viegli pārliecināties, ka cilvēks saprata. Ja vajag, palīdziet ar žestu.',
            en: 'One request per short sentence, common words and a polite tone. Asking for one thing at a time makes it easy to check that the person understood. If needed, help with a gesture.',
          },
        },
      ],
      correct: 2,
    },
    {
      id: 'nurse-indirect',
      role: { lv: 'Medmāsa', en: 'Nurse' },
      situation: {
        lv: 'Vakarā slimnīcas nodaļā pacientes meita klusi un atvainojoties saka medmāsai: „Varbūt, ja jums būs laiks, kāds varētu vēlreiz paskatīties uz mammu… Nu, ja nav grūti.”',
        en: 'In the evening on a hospital ward, a patient’s daughter says to the nurse quietly and apologetically: “Maybe, if you have time, someone could look at Mum again… Well, if it’s no trouble.”',
      },
      question: { lv: 'Kā labāk saprast meitas teikto?', en: 'How is the daughter’s remark best understood?' },
      options: [
        {
          text: {
            lv: 'Tas var būt nopietns lūgums, kas izteikts netieši. Jāpajautā tieši un laipni: „Vai jūs kaut kas uztrauc? Vai mammai ir sāpes vai grūti elpot?”',
            en: 'It may be a serious request put indirectly. Ask directly and kindly: “Is something worrying you? Is your mum in pain or short of breath?”',
          },
          feedback: {
            lv: 'Netiešs formulējums nenozīmē, ka lieta ir maznozīmīga. Konkrēts, laipns jautājums ļauj saprast, vai jārīkojas tūlīt, un parāda, ka lūgums ir uztverts nopietni.',
            en: 'Indirect wording does not mean the matter is minor. A concrete, kind question shows whether you need to act now, and shows that the request is taken seriously.',
          },
        },
        {
          text: {
            lv: 'Tas ir tikai pieklājīgs komentārs: ja būtu kas nopietns, viņa to pateiktu tieši.',
            en: 'It is just a polite remark: if something were serious, she would say so directly.',
          },
          feedback: {
            lv: 'Tā spriež zema konteksta saziņā, kur svarīgo pasaka tieši. Augsta konteksta saziņā nopietnu lūgumu bieži izsaka netieši, lai neapgrūtinātu otru vai neizrādītu neuzticību personālam.',
            en: 'That is how low-context communication reasons: what matters is said directly. In high-context communication a serious request is often put indirectly, so as not to burden the other person or seem to distrust the staff.',
          },
        },
        {
          text: {
            lv: 'Meita neuzticas medmāsai, tāpēc uzreiz jāsauc ārsts, lai viņu nomierinātu.',
            en: 'The daughter does not trust the nurse, so a doctor should be called at once to calm her down.',
          },
          feedback: {
            lv: 'Netiešums šeit visticamāk ir pieklājība, nevis neuzticēšanās. Vispirms noskaidrojiet, kas tieši uztrauc — varbūt pietiek ar jūsu pašas pārbaudi.',
            en: 'The indirectness here is most likely politeness, not distrust. First find out what exactly is worrying her — your own check may be enough.',
          },
        },
      ],
      correct: 0,
    },
    {
      id: 'official-direct',
      role: { lv: 'Ierēdne pie klientu lodziņa', en: 'Official at a service counter' },
      situation: {
        lv: 'Klients pie lodziņa — inženieris, kurš nesen pārcēlies uz Latviju no Nīderlandes, — jautā: „Kāpēc mans iesniegums vēl nav izskatīts? Kas tieši trūkst, un kad būs lēmums?” Ierēdne atbild: „Nu, redziet, tur ir dažādi apstākļi, jūs jau saprotat… Gan jau drīz.”',
        en: 'A client at the counter — an engineer who recently moved to Latvia from the Netherlands — asks: “Why has my application not been processed yet? What exactly is missing, and when will there be a decision?” The official answers: “Well, you see, there are various circumstances, you understand… It’ll be soon, surely.”',
      },
      question: {
        lv: 'Kā šis klients, visticamāk, uztvers atbildi?',
        en: 'How is this client most likely to take the answer?',
      },
      options: [
        {
          text: {
            lv: 'Kā pieklājīgu un pietiekamu atbildi — galvenais, ka tonis ir draudzīgs.',
            en: 'As a polite and sufficient answer — what matters is the friendly tone.',
          },
          feedback: {
            lv: 'Draudzīgs tonis ir labi, bet zema konteksta saziņā cilvēks gaida skaidru informāciju vārdos. Bez tās draudzīgums var izskatīties pēc izvairīšanās.',
            en: 'A friendly tone is good, but in low-context communication people expect clear information in words. Without it, friendliness can look like evasion.',
          },
        },
        {
          text: {
            lv: 'Kā izvairīšanos. Viņš gaida skaidru atbildi vārdos: kas trūkst, kas jādara un līdz kuram datumam.',
            en: 'As evasion. He expects a clear answer in words: what is missing, what to do and by which date.',
          },
          feedback: {
            lv: 'Zema konteksta saziņā nozīme ir tajā, kas pateikts skaidri. Labāka atbilde: „Trūkst darba līguma kopijas. Atsūtiet to līdz 20. maijam, un lēmums būs 10 darba dienās.” (Protams, katrs cilvēks ir citāds — modelis rāda tendenci.)',
            en: 'In low-context communication the meaning is in what is said explicitly. A better answer: “A copy of your employment contract is missing. Send it by 20 May and you will have a decision within 10 working days.” (Of course every person is different — the model shows a tendency.)',
          },
        },
        {
          text: {
            lv: 'Viņš sapratīs mājienu, ka jāpagaida, un vairs nejautās.',
            en: 'He will take the hint that he has to wait, and will not ask again.',
          },
          feedback: {
            lv: '„Jūs jau saprotat” paļaujas uz kopīgu kontekstu, kura šim klientam nav. Visticamāk, viņš jautās vēlreiz vai iesniegs sūdzību, jo nezina, kas viņam jādara.',
            en: '“You understand” relies on shared context that this client does not have. Most likely he will ask again or file a complaint, because he does not know what he has to do.',
          },
        },
      ],
      correct: 1,
    },
    {
      id: 'police-witness',
      role: { lv: 'Policiste', en: 'Police officer' },
      situation: {
        lv: 'Policiste iztaujā liecinieci par kautiņu pagalmā. Lieciniece sāk ar stāstu par kaimiņu ģimenēm un to, kas notika pirms mēneša, un tikai pēc tam nonāk līdz vakardienai.',
        en: 'A police officer is questioning a witness about a fight in a courtyard. The witness starts with a story about the neighbouring families and what happened a month ago, and only then gets to yesterday.',
      },
      question: { lv: 'Kā labāk saprast liecinieces stāstījumu?', en: 'How is the witness’s account best understood?' },
      options: [
        {
          text: {
            lv: 'Lieciniece novirzās no tēmas un tērē laiku — jāpārtrauc un jāprasa tikai fakti.',
            en: 'The witness is going off topic and wasting time — interrupt her and ask for facts only.',
          },
          feedback: {
            lv: 'Augsta konteksta stāstītājam attiecības un fons ir daļa no notikuma jēgas. Asa pārtraukšana var sabojāt uzticēšanos, un jūs varat palaist garām svarīgas detaļas.',
            en: 'For a high-context storyteller, relationships and background are part of what the event means. Cutting her off sharply can damage trust, and you may miss important details.',
          },
        },
        {
          text: {
            lv: 'Lieciniece kaut ko slēpj, jo nerunā tieši par lietu.',
            en: 'The witness is hiding something, because she does not get straight to the point.',
          },
          feedback: {
            lv: 'Netiešs sākums vēl nenozīmē slēpšanu. Bieži tas ir veids, kā cilvēks sakārto savu stāstu: vispirms konteksts, tad notikums.',
            en: 'An indirect start does not mean hiding anything. It is often how a person organises their story: first the context, then the event.',
          },
        },
        {
          text: {
            lv: 'Fons viņai ir svarīga stāsta daļa. Īsi ieklausieties, tad vadiet sarunu ar konkrētiem jautājumiem: kas, kur, kad.',
            en: 'The background is an important part of her story. Listen briefly, then guide the conversation with concrete questions: who, where, when.',
          },
          feedback: {
            lv: 'Tā jūs cienāt viņas stāstīšanas veidu un vienlaikus iegūstat precīzus faktus protokolam. Pasakiet, kāpēc jautājat: „Tas ir svarīgi. Tagad man jāpieraksta tieši tas, kas notika vakar.”',
            en: 'This respects her way of telling the story and still gets you precise facts for the record. Say why you are asking: “That is important. Now I need to write down exactly what happened yesterday.”',
          },
        },
      ],
      correct: 2,
    },
    {
      id: 'official-documents',
      role: { lv: 'Ierēdnis pie klientu lodziņa', en: 'Official at a service counter' },
      situation: {
        lv: 'Ierēdnim jāpaskaidro klientei, kura latviski saprot pamata līmenī, ka viņai jāatnāk vēlreiz ar trūkstošajiem dokumentiem: pasi un īres līgumu.',
        en: 'An official has to explain to a client, who understands basic Latvian, that she has to come back with the missing documents: her passport and her rental agreement.',
      },
      question: {
        lv: 'Kurš formulējums ir skaidrākais vienkāršā latviešu valodā?',
        en: 'Which wording is the clearest in plain Latvian?',
      },
      options: [
        {
          text: {
            lv: '„Lūdzu, atnāciet vēlreiz. Paņemiet līdzi pasi un īres līgumu. Mēs strādājam no 9 līdz 17.”',
            en: '“Please come again. Bring your passport and your rental agreement. We are open from 9 to 5.”',
          },
          feedback: {
            lv: 'Īsi teikumi, konkrēti dokumenti un laiks. Vēl labāk — uzrakstiet to pašu uz lapiņas, lai klientei paliek pieraksts.',
            en: 'Short sentences, specific documents and a time. Even better: write the same on a slip of paper so the client has it in writing.',
          },
        },
        {
          text: {
            lv: '„Jums jāiesniedz visi nepieciešamie dokumenti atbilstoši noteiktajai kārtībai.”',
            en: '“You must submit all the necessary documents in accordance with the established procedure.”',
          },
          feedback: {
            lv: 'Klientei nav skaidrs, kuri ir „nepieciešamie dokumenti” un kāda ir „noteiktā kārtība”. Teikums paļaujas uz zināšanām, kuru viņai nav.',
            en: 'The client cannot tell which are “the necessary documents” or what “the established procedure” is. The sentence relies on knowledge she does not have.',
          },
        },
        {
          text: {
            lv: '„Nu, atnesiet to, kas trūka, un tad jau redzēsim.”',
            en: '“Well, bring what was missing, and then we’ll see.”',
          },
          feedback: {
            lv: 'Tas ir augsta konteksta formulējums: ierēdnis pieņem, ka klientei jau ir zināms, kas trūka un kas notiks tālāk. Skaidrāk ir nosaukt dokumentus un nākamo soli.',
            en: 'This is high-context wording: the official assumes the client already knows what was missing and what happens next. It is clearer to name the documents and the next step.',
          },
        },
      ],
      correct: 0,
    },
  ];

  var UI = {
    lv: {
      title: 'Konteksts un saziņa',
      intro:
        'Sešas īsas situācijas no darba ar cilvēkiem. Izvēlieties atbilstošāko atbildi — skaidrojumu redzēsiet uzreiz. Lai nokārtotu, vajag vismaz 80 % (5 no 6). Kultūras modeļi apraksta tendences, nevis katru cilvēku.',
      toggle: 'English',
      toggleLang: 'en',
      progress: 'Situācija {n} no {total}',
      check: 'Pārbaudīt atbildi',
      chooseFirst: 'Vispirms izvēlieties vienu atbildi.',
      correct: 'Pareizi.',
      wrong: 'Ne gluži.',
      whyCorrect: 'Piemērotākā atbilde: {answer}',
      markCorrect: 'Piemērotākā atbilde',
      markChosen: 'Jūsu izvēle',
      previous: 'Iepriekšējā',
      next: 'Nākamā',
      toResult: 'Skatīt rezultātu',
      resultTitle: 'Rezultāts',
      score: 'Pareizas atbildes: {c} no {t} ({s} %).',
      passed: 'Nokārtots. Jūs pamanāt, kā konteksts maina vārdu nozīmi.',
      failed: 'Vēl nav nokārtots — vajag vismaz 80 % (5 no 6). Pārlasiet skaidrojumus un mēģiniet vēlreiz.',
      reviewHint: 'Atveriet situāciju, lai vēlreiz izlasītu skaidrojumu:',
      itemCorrect: 'pareizi',
      itemWrong: 'nepareizi',
      retry: 'Mēģināt vēlreiz',
      finish: 'Pabeigt',
      finishedLms: 'Rezultāts ir saglabāts. Šo logu var aizvērt.',
      finishedAlone: 'Gatavs. Rezultāts netika saglabāts, jo mācību vide nav atrasta.',
      standalone: 'Mācību vide nav atrasta: moduli var izmēģināt, bet rezultāts netiks saglabāts.',
      actions: 'Darbības',
    },
    en: {
      title: 'Context and communication',
      intro:
        'Six short situations from work with people. Choose the most fitting answer — you will see an explanation straight away. To pass you need at least 80% (5 of 6). Culture models describe tendencies, not every person.',
      toggle: 'Latviešu',
      toggleLang: 'lv',
      progress: 'Situation {n} of {total}',
      check: 'Check answer',
      chooseFirst: 'Please choose an answer first.',
      correct: 'Correct.',
      wrong: 'Not quite.',
      whyCorrect: 'The most fitting answer: {answer}',
      markCorrect: 'Most fitting answer',
      markChosen: 'Your choice',
      previous: 'Previous',
      next: 'Next',
      toResult: 'See result',
      resultTitle: 'Result',
      score: 'Correct answers: {c} of {t} ({s}%).',
      passed: 'Passed. You notice how context changes what words mean.',
      failed: 'Not passed yet — you need at least 80% (5 of 6). Reread the explanations and try again.',
      reviewHint: 'Open a situation to read its explanation again:',
      itemCorrect: 'correct',
      itemWrong: 'incorrect',
      retry: 'Try again',
      finish: 'Finish',
      finishedLms: 'Your result has been saved. You can close this window.',
      finishedAlone: 'Done. The result was not saved because no learning platform was found.',
      standalone: 'No learning platform found: you can try the module, but the result will not be saved.',
      actions: 'Actions',
    },
  };

  var TOTAL = QUESTIONS.length;
  var RESULT = TOTAL; // view index of the result screen

  // ---------------------------------------------------------------------------------------
  // SCORM 1.2 runtime
  // ---------------------------------------------------------------------------------------

  /** The standard SCORM 1.2 search: walk up the parent frames, at most 7 levels. */
  function findAPI(win) {
    var depth = 0;
    while (win && win.API == null && win.parent != null && win.parent !== win) {
      depth += 1;
      if (depth > 7) return null;
      win = win.parent;
    }
    return win && win.API != null ? win.API : null;
  }

  function getAPI() {
    var places = [
      function () {
        return findAPI(window);
      },
      function () {
        return window.opener ? findAPI(window.opener) : null;
      },
      function () {
        return window.top && window.top.opener ? findAPI(window.top.opener) : null;
      },
    ];
    for (var i = 0; i < places.length; i += 1) {
      try {
        var api = places[i]();
        if (api) return api;
      } catch {
        // A frame from another origin: keep looking elsewhere.
      }
    }
    return null;
  }

  function isTrue(v) {
    return v === true || String(v) === 'true';
  }

  var lms = {
    api: null,
    active: false,
    connected: false, // LMSInitialize succeeded at some point in this page's life
    terminated: false,
    init: function () {
      this.api = getAPI();
      if (!this.api) return false;
      try {
        this.active = isTrue(this.api.LMSInitialize(''));
      } catch {
        this.active = false;
      }
      this.connected = this.active;
      return this.active;
    },
    get: function (name) {
      if (!this.active) return '';
      try {
        var v = this.api.LMSGetValue(name);
        return v == null ? '' : String(v);
      } catch {
        return '';
      }
    },
    set: function (name, value) {
      if (!this.active) return false;
      try {
        return isTrue(this.api.LMSSetValue(name, String(value)));
      } catch {
        return false;
      }
    },
    commit: function () {
      if (!this.active) return false;
      try {
        return isTrue(this.api.LMSCommit(''));
      } catch {
        return false;
      }
    },
    finish: function () {
      if (!this.active || this.terminated) return;
      this.terminated = true;
      this.active = false;
      try {
        this.api.LMSFinish('');
      } catch {
        // Nothing more can be done once the LMS refuses.
      }
    },
  };

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) s = '0' + s;
    return s;
  }

  /** SCORM 1.2 CMITimespan: HHHH:MM:SS.SS. */
  function scormTime(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000);
    cs -= h * 360000;
    var m = Math.floor(cs / 6000);
    cs -= m * 6000;
    var s = Math.floor(cs / 100);
    cs -= s * 100;
    if (h > 9999) {
      h = 9999;
      m = 59;
      s = 59;
      cs = 99;
    }
    return pad(h, 4) + ':' + pad(m, 2) + ':' + pad(s, 2) + '.' + pad(cs, 2);
  }

  // ---------------------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------------------

  var startedAt = Date.now();
  var state = {
    answers: emptyAnswers(),
    view: 0,
    lang: 'lv',
    pending: -1, // option selected but not yet checked
    readOnly: false, // LMS opened the SCO in review or browse mode
    finished: false,
  };

  function emptyAnswers() {
    var a = [];
    for (var i = 0; i < TOTAL; i += 1) a.push(-1);
    return a;
  }

  function parseSuspendData(raw) {
    if (!raw) return null;
    try {
      var data = JSON.parse(raw);
      if (!data || data.v !== SUSPEND_VERSION || !Array.isArray(data.a) || data.a.length !== TOTAL) return null;
      var answers = data.a.map(function (x, i) {
        return typeof x === 'number' && x >= 0 && x < QUESTIONS[i].options.length && Math.floor(x) === x ? x : -1;
      });
      return { answers: answers, lang: data.l === 'en' ? 'en' : 'lv' };
    } catch {
      return null;
    }
  }

  function suspendData() {
    return JSON.stringify({ v: SUSPEND_VERSION, a: state.answers, l: state.lang });
  }

  function firstUnanswered() {
    for (var i = 0; i < TOTAL; i += 1) if (state.answers[i] < 0) return i;
    return -1;
  }

  function correctCount() {
    var c = 0;
    for (var i = 0; i < TOTAL; i += 1) if (state.answers[i] === QUESTIONS[i].correct) c += 1;
    return c;
  }

  function score() {
    return Math.round((correctCount() / TOTAL) * 100);
  }

  function currentLocation() {
    return state.view === RESULT ? 'result' : String(state.view + 1);
  }

  /** The view to open from a stored lesson_location, never past an unanswered situation. */
  function resumeView(loc) {
    var gap = firstUnanswered();
    if (loc === 'result') return gap < 0 ? RESULT : gap;
    var n = parseInt(loc, 10);
    if (String(n) === loc && n >= 1 && n <= TOTAL) {
      var i = n - 1;
      return gap >= 0 && gap < i ? gap : i;
    }
    return gap < 0 ? RESULT : gap;
  }

  function saveProgress() {
    if (state.readOnly) return;
    lms.set('cmi.suspend_data', suspendData());
    lms.set('cmi.core.lesson_location', currentLocation());
    lms.commit();
  }

  function saveLocation() {
    if (state.readOnly) return;
    lms.set('cmi.core.lesson_location', currentLocation());
  }

  function reportResult() {
    if (state.readOnly) return;
    var s = score();
    lms.set('cmi.core.score.min', '0');
    lms.set('cmi.core.score.max', '100');
    lms.set('cmi.core.score.raw', String(s));
    lms.set('cmi.core.lesson_status', s >= MASTERY_SCORE ? 'passed' : 'failed');
    lms.set('cmi.core.session_time', scormTime(Date.now() - startedAt));
    lms.set('cmi.core.lesson_location', 'result');
    lms.set('cmi.suspend_data', suspendData());
    lms.commit();
  }

  /** Ends the LMS session once: on "Finish" and when the page goes away. */
  function terminate() {
    if (!lms.active) return;
    if (!state.readOnly) {
      var done = firstUnanswered() < 0;
      lms.set('cmi.core.session_time', scormTime(Date.now() - startedAt));
      lms.set('cmi.core.lesson_location', currentLocation());
      lms.set('cmi.suspend_data', suspendData());
      lms.set('cmi.core.exit', done ? '' : 'suspend');
      lms.commit();
    }
    lms.finish();
  }

  // ---------------------------------------------------------------------------------------
  // Rendering
  // ---------------------------------------------------------------------------------------

  var els = {};

  function t(key, vars) {
    var s = UI[state.lang][key];
    if (vars) {
      Object.keys(vars).forEach(function (k) {
        s = s.split('{' + k + '}').join(String(vars[k]));
      });
    }
    return s;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v == null || v === false) return;
        if (k === 'text') node.textContent = v;
        else if (k === 'className') node.className = v;
        else if (k === 'onclick') node.addEventListener('click', v);
        else node.setAttribute(k, v === true ? '' : String(v));
      });
    }
    (children || []).forEach(function (c) {
      if (c != null) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function renderChrome() {
    document.documentElement.lang = state.lang;
    document.title = t('title');
    els.title.textContent = t('title');
    els.intro.textContent = t('intro');
    els.toggle.textContent = t('toggle');
    els.toggle.setAttribute('lang', t('toggleLang'));
    els.toggle.hidden = false;
    els.actions.setAttribute('aria-label', t('actions'));
    els.note.textContent = lms.connected ? '' : t('standalone');
  }

  function render(focusHeading) {
    renderChrome();
    if (state.view === RESULT) renderResult();
    else renderQuestion();
    if (focusHeading) {
      var h = document.getElementById('view-title');
      if (h) h.focus();
    }
  }

  function progressBar(current) {
    var bar = el('div', { className: 'progress-bar', 'aria-hidden': 'true' });
    for (var i = 0; i < TOTAL; i += 1) {
      var cls = i === current ? 'current' : state.answers[i] >= 0 ? 'done' : '';
      bar.appendChild(el('span', { className: cls }));
    }
    return bar;
  }

  function renderQuestion() {
    var i = state.view;
    var q = QUESTIONS[i];
    var L = state.lang;
    var answer = state.answers[i];
    var answered = answer >= 0;

    clear(els.view);
    els.view.appendChild(el('p', { className: 'progress', text: t('progress', { n: i + 1, total: TOTAL }) }));
    els.view.appendChild(progressBar(i));
    els.view.appendChild(el('h2', { id: 'view-title', tabindex: '-1', text: q.role[L] }));
    els.view.appendChild(el('p', { className: 'situation', text: q.situation[L] }));

    var options = el('div', { className: 'options' });
    q.options.forEach(function (opt, j) {
      var id = 'q' + (i + 1) + '-o' + (j + 1);
      var input = el('input', {
        type: 'radio',
        name: 'answer',
        id: id,
        value: String(j),
        checked: answered ? answer === j : state.pending === j,
        disabled: answered,
      });
      input.addEventListener('change', function () {
        state.pending = j;
      });
      var cls = 'option';
      var mark = null;
      if (answered) {
        cls += ' is-locked';
        if (j === q.correct) {
          cls += ' is-correct';
          mark = t('markCorrect');
        } else if (j === answer) {
          cls += ' is-wrong';
        }
        if (j === answer) mark = mark ? t('markChosen') + ' · ' + mark : t('markChosen');
      }
      options.appendChild(
        el('label', { className: cls, for: id }, [
          input,
          el('span', { className: 'option-text' }, [
            opt.text[L],
            mark ? el('span', { className: 'mark', text: mark }) : null,
          ]),
        ]),
      );
    });

    var form = el('form', { novalidate: true }, [
      el('fieldset', null, [el('legend', { text: q.question[L] }), options]),
      answered
        ? null
        : el('div', { className: 'form-actions' }, [
            el('button', { type: 'submit', className: 'primary', text: t('check') }),
          ]),
    ]);
    form.addEventListener('submit', onCheck);
    els.view.appendChild(form);

    if (answered) showFeedback(i);
    else clearFeedback();

    clear(els.actions);
    if (i > 0) {
      els.actions.appendChild(
        el('button', {
          type: 'button',
          text: t('previous'),
          onclick: function () {
            go(i - 1);
          },
        }),
      );
    }
    if (answered) {
      var last = i === TOTAL - 1;
      els.actions.appendChild(
        el('button', {
          type: 'button',
          id: 'next',
          className: 'primary push-end',
          text: last ? t('toResult') : t('next'),
          onclick: function () {
            go(last ? RESULT : i + 1);
          },
        }),
      );
    }
  }

  function clearFeedback() {
    els.feedback.className = 'feedback';
    clear(els.feedback);
  }

  function showFeedback(i) {
    var q = QUESTIONS[i];
    var L = state.lang;
    var answer = state.answers[i];
    var ok = answer === q.correct;
    clear(els.feedback);
    els.feedback.className = 'feedback ' + (ok ? 'is-correct' : 'is-wrong');
    els.feedback.appendChild(
      el('p', null, [el('strong', { text: ok ? t('correct') : t('wrong') }), ' ', q.options[answer].feedback[L]]),
    );
    if (!ok) {
      els.feedback.appendChild(el('p', { text: t('whyCorrect', { answer: q.options[q.correct].text[L] }) }));
      els.feedback.appendChild(el('p', { text: q.options[q.correct].feedback[L] }));
    }
  }

  function onCheck(event) {
    event.preventDefault();
    var i = state.view;
    var chosen = els.view.querySelector('input[name="answer"]:checked');
    if (!chosen) {
      clear(els.feedback);
      els.feedback.className = 'feedback';
      els.feedback.appendChild(el('p', { text: t('chooseFirst') }));
      var first = els.view.querySelector('input[name="answer"]');
      if (first) first.focus();
      return;
    }
    state.answers[i] = parseInt(chosen.value, 10);
    state.pending = -1;
    saveProgress();
    render(false);
    var next = document.getElementById('next');
    if (next) next.focus();
  }

  function renderResult() {
    var L = state.lang;
    var c = correctCount();
    var s = score();
    var passed = s >= MASTERY_SCORE;

    clear(els.view);
    clearFeedback();
    els.view.appendChild(el('h2', { id: 'view-title', tabindex: '-1', text: t('resultTitle') }));
    els.view.appendChild(el('p', { className: 'score', text: t('score', { c: c, t: TOTAL, s: s }) }));
    els.view.appendChild(el('p', { text: passed ? t('passed') : t('failed') }));
    els.view.appendChild(el('p', { text: t('reviewHint') }));

    var list = el('ul', { className: 'summary' });
    QUESTIONS.forEach(function (q, i) {
      var ok = state.answers[i] === q.correct;
      list.appendChild(
        el('li', null, [
          el('button', {
            type: 'button',
            text: (ok ? '✓ ' : '✗ ') + (i + 1) + '. ' + q.role[L] + ': ' + (ok ? t('itemCorrect') : t('itemWrong')),
            onclick: function () {
              go(i);
            },
          }),
        ]),
      );
    });
    els.view.appendChild(list);
    if (state.finished) {
      // In the live region, so that the confirmation is announced.
      els.feedback.appendChild(el('p', { text: lms.connected ? t('finishedLms') : t('finishedAlone') }));
    }

    clear(els.actions);
    if (!state.finished) {
      if (!passed) {
        els.actions.appendChild(el('button', { type: 'button', text: t('retry'), onclick: retry }));
      }
      els.actions.appendChild(
        el('button', { type: 'button', className: 'primary push-end', text: t('finish'), onclick: finish }),
      );
    }
  }

  // ---------------------------------------------------------------------------------------
  // Actions
  // ---------------------------------------------------------------------------------------

  function go(view) {
    if (view === RESULT && firstUnanswered() >= 0) view = firstUnanswered();
    state.view = view;
    state.pending = -1;
    if (view === RESULT && !state.finished) reportResult();
    else saveLocation();
    render(true);
  }

  function retry() {
    state.answers = emptyAnswers();
    state.pending = -1;
    state.view = 0;
    saveProgress();
    render(true);
  }

  function finish() {
    reportResult();
    terminate();
    state.finished = true;
    render(true);
  }

  function toggleLanguage() {
    state.lang = state.lang === 'lv' ? 'en' : 'lv';
    if (!state.readOnly && !state.finished) lms.set('cmi.suspend_data', suspendData());
    render(false);
  }

  function start() {
    els.title = document.getElementById('title');
    els.intro = document.getElementById('intro');
    els.toggle = document.getElementById('lang-toggle');
    els.view = document.getElementById('view');
    els.feedback = document.getElementById('feedback');
    els.actions = document.getElementById('actions');
    els.note = document.getElementById('lms-note');
    els.actions.setAttribute('role', 'group');

    if (lms.init()) {
      var mode = lms.get('cmi.core.lesson_mode');
      state.readOnly = mode === 'review' || mode === 'browse';
      var saved = parseSuspendData(lms.get('cmi.suspend_data'));
      if (saved) {
        state.answers = saved.answers;
        state.lang = saved.lang;
      }
      state.view = resumeView(lms.get('cmi.core.lesson_location'));
      if (!state.readOnly) {
        var status = lms.get('cmi.core.lesson_status');
        if (status === '' || status === 'not attempted') lms.set('cmi.core.lesson_status', 'incomplete');
        if (state.view === RESULT) reportResult();
        else {
          lms.set('cmi.core.lesson_location', currentLocation());
          lms.commit();
        }
      }
    } else {
      state.view = 0;
    }

    els.toggle.addEventListener('click', toggleLanguage);
    window.addEventListener('pagehide', terminate);
    window.addEventListener('unload', terminate);
    render(false);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
