// rasd web UI: one page over the JSON API of `rasd serve`.
// Only relative URLs are used, so the UI works behind a path prefix, and
// nothing is fetched from outside the server (no CDN, no map tiles).
// The DOM is built with createElement/textContent only (never from HTML
// strings) and no inline style attribute is written, so the page runs under a
// strict Content-Security-Policy.
(function () {
  "use strict";

  // ---------------------------------------------------------------- i18n
  // Arabic plurals follow Intl.PluralRules("ar"): zero, one, two, few (3–10),
  // many (11–99) and other (100, 101, …), each with its own noun form.
  const arPlural = (forms) => (n) => {
    const cat = new Intl.PluralRules("ar").select(n);
    return (forms[cat] || forms.other).replace("{n}", fmtNum(n));
  };
  const enPlural = (one, many) => (n) => `${fmtNum(n)} ${n === 1 ? one : many}`;

  const I18N = {
    en: {
      subtitle: "Yemen conflict events from Arabic news",
      tab_explore: "Explore", tab_actor: "Actor", tab_articles: "Articles", tab_article: "Article",
      h_articles: "Articles", articles_ph: "words of the title", c_title: "Title", c_outlet: "Outlet",
      f_conf: "Confidence", f_sub: "ACLED sub-type", n_articles: enPlural("article", "articles"), tab_paste: "Paste an article",
      about: "About", close: "Close", copy_link: "Copy link", copied: "Link copied", copy_failed: "Copy this link:",
      about_text: "rasd codes events of the war in Yemen from Arabic news articles. Every event links to the words of the article it comes from.",
      f_from: "From", f_to: "To", f_type: "Type", f_acled: "ACLED type", f_actor: "Actor", f_admin1: "Governorate",
      f_admin2: "District", f_q: "Search", f_q_ph: "words, Arabic or English", any: "any", reset: "Reset",
      f_hedged: "Certainty", firm_only: "firm reports only", hedged_only: "hedged reports only",
      f_located: "Place", located_yes: "with a place", located_no: "no location",
      f_dated: "Date", dated_yes: "with a date", dated_no: "no date",
      add: "add…", remove: "remove", export: "Export this view:",
      h_map: "Map", h_event: "Event", h_timeline: "Events per week", h_graph: "Actor graph",
      h_list: "Events", h_coded: "Coded events", h_paste: "Paste an article",
      pick_event: "Click an event on the map or in the list.",
      pick_article: "Open an event and choose one of its sources.",
      pick_actor: "Click an actor in the graph or in an event.",
      brush_hint: "Drag across the chart to choose a date range; click outside the selection to clear it.",
      cooperation: "cooperation", conflict: "conflict",
      graph_hint: "line width: number of events; click an actor (or Enter) to open its page",
      sort: "Sort", sort_date_desc: "newest first", sort_date_asc: "oldest first", sort_fat: "most fatalities",
      sort_conf: "most confident", prev_page: "previous page", next_page: "next page", keys_hint: "↑ ↓ move, Enter opens",
      c_date: "Date", c_type: "Type", c_actor1: "Actor 1", c_actor2: "Actor 2", c_place: "Place", c_fat: "Deaths",
      c_sources: "Sources",
      paste_hint: "Arabic text (first line = title) and its publication date. Nothing is stored.",
      paste_ph: "Paste the article here", pub_date: "Publication date", extract: "Extract events",
      n_events: enPlural("event", "events"), n_places: enPlural("place", "places"),
      n_sources: enPlural("source", "sources"), n_actors: enPlural("actor", "actors"),
      shown_of: (n, total) => `${fmtNum(n)} of ${fmtNum(total)} events shown`,
      all_shown: (n) => `${fmtNum(n)} events`,
      no_place: (n) => `${fmtNum(n)} without a place`, no_date: (n) => `${fmtNum(n)} without a date`,
      list_them: "list them", on_map: (n, p) => `${fmtNum(n)} events at ${I18N.en.n_places(p)}`,
      not_on_map: (n) => `${fmtNum(n)} not on the map`,
      tl_count: (n, u, o) => `${fmtNum(n)} dated${u ? ` · ${fmtNum(u)} undated` : ""}${o ? ` · ${fmtNum(o)} outside the axis` : ""}`,
      graph_count: (n, total) => `top ${fmtNum(n)} of ${I18N.en.n_actors(total)}`,
      page: (a, b, n) => `${fmtNum(a)}–${fmtNum(b)} of ${fmtNum(n)}`,
      extracting: "Extracting…", no_events: "No events match these filters.",
      open_article: "Open article", sources: "Sources", evidence: "Evidence", all_fields: "All fields",
      event_id: "Event id", event_id_cnty: "ACLED-style id", type: "Type (PLOVER)", mode: "Mode", cameo: "CAMEO", goldstein: "Goldstein",
      acled_disorder: "ACLED disorder type", acled_event: "ACLED event type", acled_sub: "ACLED sub-event type",
      acled_inter: "ACLED interaction", date: "Date", date_text: "Date words", precision: "Precision",
      location: "Location", admin1: "Governorate", admin2: "District", coords: "Coordinates",
      geo_precision: "Geo precision", place_text: "Place words",
      actor1: "Actor 1", actor2: "Actor 2", assoc1: "With actor 1", assoc2: "With actor 2",
      persons: "Persons", fatalities: "Fatalities", injured: "Injured", detained: "Detained",
      released: "Released", hedged: "Hedged", claimed: "Claimed", attribution: "Attribution",
      confidence: "Confidence", doc: "Document", yes: "yes", no: "no", none: "—",
      figures: "Figures in this report", unknown_place: "no coordinates",
      disagree: (list) => `Sources disagree on deaths: ${list}`, reported_by: (n) => `Reported by ${I18N.en.n_sources(n)}`,
      gov_level: "only the governorate is known", place_level: "town or district",
      legend_size: "events at a place", legend_shade: "events per governorate",
      f_trigger_field: "event word", f_actor_field: "actor", f_date_field: "date", f_place_field: "place", f_count_field: "number",
      f_legend: "Highlights:", active_ev: "this event", other_ev: "other events",
      aliases: "Names in the texts", hierarchy: "Hierarchy", parent_of: "Part of", children: "Units",
      counterparts: "Counterparts", events_of: "Events per week", by_type: "By type", show_events: "Show its events",
      pair: "pair view", view_events: "events", more_events: (n) => `and ${fmtNum(n)} more — zoom in or filter`,
      over_time: "Events together per week",
      zoom_in: "Zoom in", axis_core: "show where 90% of the events are", axis_wide: "show the whole period",
      precision_day: "day", precision_week: "week", precision_month: "month", precision_year: "year", precision_none: "none",
    },
    ar: {
      subtitle: "أحداث الحرب في اليمن من الأخبار العربية",
      tab_explore: "استكشاف", tab_actor: "الفاعل", tab_articles: "المقالات", tab_article: "المقال",
      h_articles: "المقالات", articles_ph: "كلمات من العنوان", c_title: "العنوان", c_outlet: "المصدر",
      f_conf: "الثقة", f_sub: "النوع الفرعي (ACLED)",
      n_articles: arPlural({ zero: "لا مقالات", one: "مقال واحد", two: "مقالان", few: "{n} مقالات", many: "{n} مقالًا", other: "{n} مقال" }), tab_paste: "لصق مقال",
      about: "حول", close: "إغلاق", copy_link: "نسخ الرابط", copied: "نُسخ الرابط", copy_failed: "انسخ هذا الرابط:",
      about_text: "يرمّز «رصد» أحداث الحرب في اليمن من المقالات الإخبارية العربية، ويربط كل حدث بكلمات المقال الذي جاء منه.",
      f_from: "من", f_to: "إلى", f_type: "النوع", f_acled: "نوع ACLED", f_actor: "الفاعل", f_admin1: "المحافظة",
      f_admin2: "المديرية", f_q: "بحث", f_q_ph: "كلمات بالعربية أو الإنجليزية", any: "الكل", reset: "إعادة ضبط",
      f_hedged: "اليقين", firm_only: "الأخبار المؤكدة فقط", hedged_only: "الأخبار غير المؤكدة فقط",
      f_located: "المكان", located_yes: "له مكان", located_no: "بلا موقع",
      f_dated: "التاريخ", dated_yes: "له تاريخ", dated_no: "بلا تاريخ",
      add: "إضافة…", remove: "إزالة", export: "تصدير هذا العرض:",
      h_map: "الخريطة", h_event: "الحدث", h_timeline: "الأحداث في الأسبوع", h_graph: "شبكة الفاعلين",
      h_list: "الأحداث", h_coded: "الأحداث المرمّزة", h_paste: "لصق مقال",
      pick_event: "انقر على حدث في الخريطة أو في القائمة.",
      pick_article: "افتح حدثاً واختر أحد مصادره.",
      pick_actor: "انقر على فاعل في الشبكة أو في حدث.",
      brush_hint: "اسحب على الرسم لاختيار فترة زمنية، وانقر خارج التحديد لإلغائه.",
      cooperation: "تعاون", conflict: "صراع",
      graph_hint: "سُمك الخط: عدد الأحداث؛ انقر على فاعل (أو Enter) لفتح صفحته",
      sort: "الترتيب", sort_date_desc: "الأحدث أولاً", sort_date_asc: "الأقدم أولاً", sort_fat: "الأكثر قتلى",
      sort_conf: "الأعلى ثقة", prev_page: "الصفحة السابقة", next_page: "الصفحة التالية", keys_hint: "↑ ↓ للتنقل، Enter للفتح",
      c_date: "التاريخ", c_type: "النوع", c_actor1: "الفاعل ١", c_actor2: "الفاعل ٢", c_place: "المكان", c_fat: "القتلى",
      c_sources: "المصادر",
      paste_hint: "نص عربي (السطر الأول هو العنوان) وتاريخ نشره. لا يُحفظ شيء.",
      paste_ph: "الصق المقال هنا", pub_date: "تاريخ النشر", extract: "استخراج الأحداث",
      n_events: arPlural({ zero: "لا أحداث", one: "حدث واحد", two: "حدثان", few: "{n} أحداث", many: "{n} حدثًا", other: "{n} حدث" }),
      n_places: arPlural({ zero: "لا أماكن", one: "مكان واحد", two: "مكانان", few: "{n} أماكن", many: "{n} مكانًا", other: "{n} مكان" }),
      n_sources: arPlural({ zero: "لا مصادر", one: "مصدر واحد", two: "مصدران", few: "{n} مصادر", many: "{n} مصدرًا", other: "{n} مصدر" }),
      n_actors: arPlural({ zero: "لا فاعلين", one: "فاعل واحد", two: "فاعلان", few: "{n} فاعلين", many: "{n} فاعلًا", other: "{n} فاعل" }),
      shown_of: (n, total) => `يُعرض ${I18N.ar.n_events(n)} من أصل ${fmtNum(total)}`,
      all_shown: (n) => I18N.ar.n_events(n),
      no_place: (n) => `${I18N.ar.n_events(n)} بلا مكان`, no_date: (n) => `${I18N.ar.n_events(n)} بلا تاريخ`,
      list_them: "اعرضها", on_map: (n, p) => `${I18N.ar.n_events(n)} في ${I18N.ar.n_places(p)}`,
      not_on_map: (n) => `${I18N.ar.n_events(n)} خارج الخريطة`,
      tl_count: (n, u, o) => `${I18N.ar.n_events(n)} مؤرخة${u ? ` · ${fmtNum(u)} بلا تاريخ` : ""}${o ? ` · ${fmtNum(o)} خارج المحور` : ""}`,
      graph_count: (n, total) => `أبرز ${fmtNum(n)} من ${I18N.ar.n_actors(total)}`,
      page: (a, b, n) => `${fmtNum(a)}–${fmtNum(b)} من ${fmtNum(n)}`,
      extracting: "جارٍ الاستخراج…", no_events: "لا أحداث تطابق هذه المرشحات.",
      open_article: "افتح المقال", sources: "المصادر", evidence: "الشاهد", all_fields: "كل الحقول",
      event_id: "معرّف الحدث", event_id_cnty: "المعرّف بصيغة ACLED", type: "النوع (PLOVER)", mode: "الأسلوب", cameo: "CAMEO", goldstein: "غولدستين",
      acled_disorder: "نوع الاضطراب (ACLED)", acled_event: "نوع الحدث (ACLED)", acled_sub: "النوع الفرعي (ACLED)",
      acled_inter: "التفاعل (ACLED)", date: "التاريخ", date_text: "عبارة التاريخ", precision: "الدقة",
      location: "المكان", admin1: "المحافظة", admin2: "المديرية", coords: "الإحداثيات",
      geo_precision: "دقة الموقع", place_text: "عبارة المكان",
      actor1: "الفاعل ١", actor2: "الفاعل ٢", assoc1: "مع الفاعل ١", assoc2: "مع الفاعل ٢",
      persons: "أشخاص", fatalities: "قتلى", injured: "جرحى", detained: "محتجزون",
      released: "مُفرج عنهم", hedged: "غير مؤكد", claimed: "تبنٍّ", attribution: "المصدر المنسوب إليه",
      confidence: "الثقة", doc: "الوثيقة", yes: "نعم", no: "لا", none: "—",
      figures: "الأرقام في هذا التقرير", unknown_place: "بلا إحداثيات",
      disagree: (list) => `تختلف المصادر في عدد القتلى: ${list}`, reported_by: (n) => `المصادر: ${I18N.ar.n_sources(n)}`,
      gov_level: "المحافظة فقط معروفة", place_level: "مدينة أو مديرية",
      legend_size: "الأحداث في المكان", legend_shade: "الأحداث في المحافظة",
      f_trigger_field: "كلمة الحدث", f_actor_field: "فاعل", f_date_field: "تاريخ", f_place_field: "مكان", f_count_field: "عدد",
      f_legend: "التظليل:", active_ev: "هذا الحدث", other_ev: "أحداث أخرى",
      aliases: "أسماؤه في النصوص", hierarchy: "التسلسل", parent_of: "جزء من", children: "وحدات تابعة",
      counterparts: "الأطراف المقابلة", events_of: "الأحداث في الأسبوع", by_type: "حسب النوع", show_events: "اعرض أحداثه",
      pair: "عرض الثنائي", view_events: "الأحداث", more_events: (n) => `و${fmtNum(n)} أخرى — كبّر الخريطة أو صفِّ النتائج`,
      over_time: "أحداثهما معًا في الأسبوع",
      zoom_in: "تكبير", axis_core: "اعرض الفترة التي تضم ٩٠٪ من الأحداث", axis_wide: "اعرض الفترة كلها",
      precision_day: "يوم", precision_week: "أسبوع", precision_month: "شهر", precision_year: "سنة", precision_none: "بلا",
    },
  };

  const TYPE_AR = {
    AGREE: "اتفاق", CONSULT: "تشاور", SUPPORT: "دعم", CONCEDE: "تنازل", COOPERATE: "تعاون",
    AID: "مساعدة", RETREAT: "انسحاب/إفراج", REQUEST: "طلب", ACCUSE: "اتهام", REJECT: "رفض",
    THREATEN: "تهديد", PROTEST: "احتجاج", SANCTION: "عقوبة", MOBILIZE: "حشد", COERCE: "إكراه",
    ASSAULT: "اعتداء",
  };
  // ACLED's vocabulary in Arabic (the terms Arabic ACLED reports use).
  const CODED_AR = {
    "Political violence": "عنف سياسي", "Demonstrations": "مظاهرات", "Strategic developments": "تطورات استراتيجية",
    "Political violence; Demonstrations": "عنف سياسي؛ مظاهرات",
    "Battles": "معارك", "Explosions/Remote violence": "انفجارات/عنف عن بُعد", "Violence against civilians": "عنف ضد المدنيين",
    "Protests": "احتجاجات", "Riots": "أعمال شغب",
    "Armed clash": "اشتباك مسلح", "Government regains territory": "استعادة الحكومة لأراضٍ",
    "Non-state actor overtakes territory": "سيطرة جهة غير حكومية على أراضٍ", "Chemical weapon": "سلاح كيميائي",
    "Air/drone strike": "غارة جوية/بطائرة مسيّرة", "Suicide bomb": "تفجير انتحاري",
    "Shelling/artillery/missile attack": "قصف مدفعي/صاروخي", "Remote explosive/landmine/IED": "عبوة ناسفة/لغم",
    "Grenade": "قنبلة يدوية", "Sexual violence": "عنف جنسي", "Attack": "هجوم",
    "Abduction/forced disappearance": "اختطاف/إخفاء قسري", "Peaceful protest": "احتجاج سلمي",
    "Protest with intervention": "احتجاج مع تدخل", "Excessive force against protesters": "قوة مفرطة ضد المحتجين",
    "Violent demonstration": "مظاهرة عنيفة", "Mob violence": "عنف جماعي", "Agreement": "اتفاق", "Arrests": "اعتقالات",
    "Change to group/activity": "تغيّر في جماعة/نشاط", "Disrupted weapons use": "إحباط استخدام سلاح",
    "Headquarters or base established": "إنشاء مقر أو قاعدة", "Looting/property destruction": "نهب/تدمير ممتلكات",
    "Non-violent transfer of territory": "انتقال سلمي للسيطرة", "Other": "أخرى",
    // Actor categories of the interaction field.
    "State forces": "قوات حكومية", "Rebel group": "جماعة متمردة", "Political militia": "ميليشيا سياسية",
    "Identity militia": "ميليشيا هوية", "Rioters": "مثيرو شغب", "Protesters": "محتجون", "Civilians": "مدنيون",
    "External/Other forces": "قوات خارجية/أخرى",
    // PLOVER modes and attribution kinds.
    abduct: "اختطاف", aerial: "جوي", arrest: "اعتقال", demo: "تظاهر", drone: "طائرة مسيّرة", explosives: "متفجرات",
    firearms: "أسلحة نارية", humanitarian: "إنساني", military: "عسكري", release: "إفراج", targeted: "استهداف",
    troops: "قوات", visit: "زيارة", withdraw: "انسحاب",
    anonymous_sources: "مصادر مجهولة", security_sources: "مصادر أمنية", official: "مسؤول رسمي",
    group_claim: "بيان الجماعة", media_report: "تقرير إعلامي", observers: "مراقبون", reporter: "المراسل",
  };
  const coded = (v) => {
    if (v == null || v === "") return null;
    if (lang !== "ar") return String(v);
    const s = String(v);
    if (CODED_AR[s]) return CODED_AR[s];
    // "Rebel group-State forces": translate each side.
    if (s.includes("-")) {
      const parts = s.split("-");
      if (parts.every((p) => CODED_AR[p])) return parts.map((p) => CODED_AR[p]).join(" – ");
    }
    return s;
  };
  const TYPES = Object.keys(TYPE_AR);
  const ACLED_SUBS = ["Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade", "Sexual violence", "Attack", "Abduction/forced disappearance",
    "Peaceful protest", "Protest with intervention", "Excessive force against protesters", "Violent demonstration",
    "Mob violence", "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other"];
  const ACLED_TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments"];
  // Types in colour families: conflict warm, cooperation cool; no colour is
  // close to the governorate shading (blues, light).
  const TYPE_COLOR = {
    AGREE: "#1b9e77", CONSULT: "#66a61e", SUPPORT: "#17becf", CONCEDE: "#8c9e3a", COOPERATE: "#2ca02c",
    AID: "#41ab5d", RETREAT: "#9467bd", REQUEST: "#7f7f7f", ACCUSE: "#e6ab02", REJECT: "#fd8d3c",
    THREATEN: "#f16913", PROTEST: "#e7298a", SANCTION: "#a6761d", MOBILIZE: "#6a3d9a", COERCE: "#8c2d04",
    ASSAULT: "#d62728",
  };
  const typeColor = (t) => TYPE_COLOR[t] || "#777";

  let lang = "en";
  const params0 = new URLSearchParams(location.search);
  lang = params0.get("lang") || localStorage.getItem("rasd.lang") ||
    ((navigator.language || "").toLowerCase().startsWith("ar") ? "ar" : "en");
  if (lang !== "ar" && lang !== "en") lang = "en";
  const locale = () => (lang === "ar" ? "ar-u-nu-latn" : "en-GB");
  function fmtNum(n) { return new Intl.NumberFormat(locale()).format(n); }
  const t = (key, ...args) => {
    const v = (I18N[lang] && I18N[lang][key]) ?? I18N.en[key] ?? key;
    return typeof v === "function" ? v(...args) : v;
  };
  const typeLabel = (ty) => (lang === "ar" && TYPE_AR[ty] ? TYPE_AR[ty] : ty);

  // ---------------------------------------------------------------- state
  const LIST_KEYS = ["type", "acled_type", "sub_event_type", "actor", "admin1", "admin2"];
  const ONE_KEYS = ["from", "to", "q", "hedged", "located", "dated", "min_confidence"];
  const emptyFilters = () => ({
    from: "", to: "", q: "", hedged: "", located: "", dated: "", min_confidence: "",
    type: [], acled_type: [], sub_event_type: [], actor: [], admin1: [], admin2: [],
  });
  const state = {
    filters: emptyFilters(),
    tab: "explore",
    sort: "date_desc",
    offset: 0,
    pageSize: 50,
    selectedEvent: null,
    article: null, // { docId, eventId }
    actorPage: null,
    actors: [],
    actorInfo: {},
    governorates: {}, // pcode -> { en, ar, lat, lon }
    districts: {}, // pcode -> { en, ar }
    admin1: null,
    admin2: null,
    gazetteer: null,
    totalEvents: 0,
    lastPage: null,
    // Timeline axis: "core" (the shortest range with 90% of the events) or
    // "wide" (1st–99th percentile).
    axis: "core",
  };

  // ---------------------------------------------------------------- helpers
  const $ = (sel, root = document) => root.querySelector(sel);
  // Builds an element. `style` takes an object applied through the CSSOM (a
  // strict CSP blocks style attributes, not style properties).
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k === "style") for (const [p, x] of Object.entries(v)) node.style.setProperty(p, x);
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) {
      if (c == null || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  };

  function showError(msg) {
    const b = $("#error-banner");
    if (!msg) { b.hidden = true; b.textContent = ""; return; }
    b.textContent = msg;
    b.hidden = false;
  }

  async function api(path, opts) {
    const res = await fetch(path, opts);
    let body = null;
    try { body = await res.json(); } catch (_) { /* not JSON */ }
    if (!res.ok) {
      let msg = body && body.error ? body.error : `${res.status} ${res.statusText}`;
      if (body && body.did_you_mean) msg += ` (${body.did_you_mean}?)`;
      throw new Error(msg);
    }
    return body;
  }

  function filterParams(extra = {}, without = []) {
    const p = new URLSearchParams();
    for (const k of ONE_KEYS) if (state.filters[k] && !without.includes(k)) p.set(k, state.filters[k]);
    for (const k of LIST_KEYS) if (state.filters[k].length && !without.includes(k)) p.set(k, state.filters[k].join(","));
    for (const [k, v] of Object.entries(extra)) if (v !== "" && v != null) p.set(k, v);
    return p.toString();
  }

  const actorName = (id, fallback) => {
    const a = state.actorInfo[id];
    if (lang === "ar" && a && a.name_ar) return a.name_ar;
    return (a && a.name) || fallback || id;
  };
  const actorLabel = (a) => (a ? actorName(a.id, a.name) : t("none"));
  const fmtDay = (iso, opts = { day: "numeric", month: "short", year: "numeric" }) => {
    if (!iso) return t("none");
    const d = new Date(`${iso}T00:00:00Z`);
    if (Number.isNaN(d.getTime())) return iso;
    return new Intl.DateTimeFormat(locale(), Object.assign({ timeZone: "UTC" }, opts)).format(d);
  };
  const fmtDate = (d) => {
    if (!d || (!d.start && !d.end)) return t("none");
    const s = d.start || d.end;
    // An isolated run, so a range reads start → end in Arabic too.
    return d.end && d.start && d.end !== d.start ? `\u2068${fmtDay(d.start)} – ${fmtDay(d.end)}\u2069` : fmtDay(s);
  };
  const govName = (pcode, fallback) => {
    const g = state.governorates[pcode];
    if (!g) return fallback || pcode || "";
    return lang === "ar" ? g.ar : g.en;
  };
  const distName = (pcode, fallback) => {
    const g = state.districts[pcode];
    if (!g) return fallback || pcode || "";
    return lang === "ar" ? g.ar || g.en : g.en;
  };
  const placeLabel = (loc) => {
    if (!loc) return t("none");
    const main = lang === "ar" ? loc.name_ar || loc.name : loc.name || loc.name_ar;
    const sep = lang === "ar" ? "، " : ", ";
    const gov = govName(loc.admin1_pcode, loc.admin1);
    return gov && gov !== main && loc.admin1 !== loc.name ? `${main}${sep}${gov}` : main;
  };
  const yesNo = (b) => (b ? t("yes") : t("no"));
  const num = (n) => (n == null ? t("none") : fmtNum(n));

  // ---------------------------------------------------------------- URL state
  // Filters, page, sort, tab, the selected event, the open article and actor
  // live in the query string: reload, Back/Forward and shared links restore them.
  function stateToURL() {
    const p = new URLSearchParams(filterParams());
    if (state.tab !== "explore") p.set("tab", state.tab);
    if (state.sort !== "date_desc") p.set("sort", state.sort);
    if (state.offset) p.set("offset", String(state.offset));
    if (state.selectedEvent) p.set("event", state.selectedEvent);
    if (state.article) { p.set("doc", state.article.docId); if (state.article.eventId) p.set("doc_event", state.article.eventId); }
    if (state.actorPage) p.set("actor_page", state.actorPage);
    if (state.relation) p.set("relation", state.relation);
    if (state.axis !== "core") p.set("axis", state.axis);
    if (state.tab === "articles") { if (state.articlesQ) p.set("aq", state.articlesQ); if (state.articlesOffset) p.set("aoffset", String(state.articlesOffset)); }
    p.set("lang", lang);
    const s = p.toString();
    return `${location.pathname}${s ? `?${s}` : ""}`;
  }
  function pushURL(replace) {
    const url = stateToURL();
    if (url === `${location.pathname}${location.search}`) return;
    if (replace) history.replaceState(null, "", url); else history.pushState(null, "", url);
  }
  function urlToState() {
    const p = new URLSearchParams(location.search);
    const f = emptyFilters();
    for (const k of ONE_KEYS) f[k] = p.get(k) || "";
    for (const k of LIST_KEYS) f[k] = (p.get(k) || "").split(",").map((s) => s.trim()).filter(Boolean);
    state.filters = f;
    state.tab = p.get("tab") || "explore";
    state.sort = p.get("sort") || "date_desc";
    state.offset = Math.max(0, Number(p.get("offset")) || 0);
    state.selectedEvent = p.get("event") || null;
    state.article = p.get("doc") ? { docId: p.get("doc"), eventId: p.get("doc_event") || null } : null;
    state.actorPage = p.get("actor_page") || null;
    state.relation = p.get("relation") || null;
    state.axis = p.get("axis") === "wide" ? "wide" : "core";
    state.articlesQ = p.get("aq") || "";
    state.articlesOffset = Math.max(0, Number(p.get("aoffset")) || 0);
    const l = p.get("lang");
    if (l === "ar" || l === "en") lang = l;
  }

  // ---------------------------------------------------------------- i18n apply
  function applyLang() {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
    document.querySelectorAll("[data-i18n]").forEach((n) => { n.textContent = t(n.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach((n) => { n.placeholder = t(n.dataset.i18nPlaceholder); });
    document.querySelectorAll("[data-i18n-label]").forEach((n) => { n.setAttribute("aria-label", t(n.dataset.i18nLabel)); });
    $("#lang-toggle").textContent = lang === "ar" ? "English" : "العربية";
    $("#map").setAttribute("aria-label", lang === "ar" ? "خريطة اليمن" : "Map of Yemen");
    drawChipFilters();
    drawExportLinks();
  }

  // ---------------------------------------------------------------- tabs
  const views = {};
  function showTab(name, push = true) {
    if (!$(`#view-${name}`)) name = "explore";
    state.tab = name;
    document.querySelectorAll("#tabs button").forEach((b) => {
      b.classList.toggle("active", b.dataset.tab === name);
      b.setAttribute("aria-selected", String(b.dataset.tab === name));
    });
    document.querySelectorAll(".view").forEach((v) => v.classList.toggle("active", v.id === `view-${name}`));
    $("#filters").hidden = name !== "explore";
    $("#counts").hidden = name !== "explore";
    if (name === "explore" && map) setTimeout(() => map.invalidateSize(), 0);
    if (push) pushURL();
  }

  // ---------------------------------------------------------------- filters
  // Multi-select filters: a select adds a value, each chosen value is a chip
  // with a remove button (keyboard reachable).
  function chipOptions(key) {
    switch (key) {
      case "type": return TYPES.map((ty) => [ty, lang === "ar" ? `${TYPE_AR[ty]} (${ty})` : ty]);
      case "acled_type": return ACLED_TYPES.map((x) => [x, coded(x)]);
      case "sub_event_type": return ACLED_SUBS.map((x) => [x, coded(x)]);
      case "actor": return state.actors.filter((a) => a.events > 0)
        .map((a) => [a.id, `${actorName(a.id, a.name)} (${fmtNum(a.events)})`]);
      case "admin1": return Object.entries(state.governorates).map(([p, g]) => [p, lang === "ar" ? g.ar : g.en])
        .sort((a, b) => a[1].localeCompare(b[1], lang));
      case "admin2": return (state.districtOptions || []).map((d) => [d.pcode, `${distName(d.pcode, d.name)} (${fmtNum(d.events)})`]);
      default: return [];
    }
  }
  function chipLabel(key, v) {
    switch (key) {
      case "type": return typeLabel(v);
      case "acled_type": case "sub_event_type": return coded(v);
      case "actor": return actorName(v);
      case "admin1": return govName(v, v);
      case "admin2": return distName(v, v);
      default: return v;
    }
  }
  function drawChipFilters() {
    for (const key of LIST_KEYS) {
      const box = $(`#cf-${key}`);
      if (!box) continue;
      const sel = $("select", box);
      const chosen = state.filters[key];
      sel.replaceChildren(el("option", { value: "", text: chosen.length ? t("add") : t("any") }),
        ...chipOptions(key).filter(([v]) => !chosen.includes(v)).map(([v, label]) => el("option", { value: v, text: label })));
      sel.value = "";
      $(".chips", box).replaceChildren(...chosen.map((v) => el("span", { class: "chip", "data-value": v },
        el("span", { text: chipLabel(key, v) }),
        el("button", { type: "button", class: "chip-remove", "aria-label": `${t("remove")} ${chipLabel(key, v)}`, text: "×",
          onclick: () => setFilter({ [key]: state.filters[key].filter((x) => x !== v) }) }))));
    }
  }
  function writeFilters() {
    for (const k of ONE_KEYS) $(`#filter-${k}`).value = state.filters[k];
    $("#sort").value = state.sort;
    drawChipFilters();
    drawExportLinks();
  }
  function setFilter(patch, opts = {}) {
    const before = state.filters.admin1.join(",");
    Object.assign(state.filters, patch);
    state.offset = 0;
    writeFilters();
    pushURL();
    if (state.filters.admin1.join(",") !== before || opts.zoom) zoomToFilter();
    refresh();
  }
  function drawExportLinks() {
    const box = $("#export-links");
    const label = el("span", { text: t("export") });
    box.replaceChildren(label, ...["csv", "geojson", "jsonl", "graphml"].map((f) =>
      el("a", { href: `api/export?${filterParams({ format: f })}`, download: `rasd-events.${f}`, class: "export-link", "data-format": f, text: f.toUpperCase() })));
  }

  // ---------------------------------------------------------------- map
  let map = null, govLayer = null, eventLayer = null, baseLayer = null;
  const govCounts = {};
  const SIZE_CAP = 100; // events; larger places get the largest marker
  const markerDiameter = (n) => Math.round(14 + 22 * Math.sqrt(Math.min(n, SIZE_CAP) / SIZE_CAP));
  const MAX_DIAMETER = markerDiameter(SIZE_CAP);
  let placeGroups = [];

  function initMap() {
    map = L.map("map", { zoomSnap: 0.25, attributionControl: true, worldCopyJump: false, minZoom: 3, maxZoom: 12 });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("CSO Yemen / OCHA (CC BY 3.0 IGO) · Natural Earth");
    map.createPane("base");
    map.getPane("base").style.zIndex = 430;
    map.getPane("base").style.pointerEvents = "none";
    map.createPane("districts");
    map.getPane("districts").style.zIndex = 420;
    map.getPane("districts").style.pointerEvents = "none";

    govLayer = L.geoJSON(state.admin1, {
      style: () => ({ className: "governorate", color: "#5d6670", weight: 1, fillColor: "#fbfaf6", fillOpacity: 1 }),
      onEachFeature: (f, layer) => {
        layer.on("add", () => {
          const node = layer.getElement && layer.getElement();
          if (node) { node.setAttribute("data-pcode", f.properties.pcode); node.setAttribute("data-testid", "governorate"); }
        });
        layer.bindTooltip(() => el("div", { class: "tip" },
          el("strong", { text: govName(f.properties.pcode, f.properties.name_en) }), el("br"),
          t("n_events", govCounts[f.properties.pcode] || 0)), { sticky: true });
        layer.on("click", () => {
          const p = f.properties.pcode;
          const on = state.filters.admin1.length === 1 && state.filters.admin1[0] === p;
          setFilter({ admin1: on ? [] : [p], admin2: [] });
        });
      },
    }).addTo(map);
    if (state.admin2) {
      L.geoJSON(state.admin2, {
        pane: "districts", interactive: false,
        style: () => ({ className: "district", color: "#9aa0a6", weight: 0.4, fill: false }),
      }).addTo(map);
    }
    drawBaseLayer();
    eventLayer = L.layerGroup().addTo(map);
    map.fitBounds(govLayer.getBounds(), { padding: [6, 6] });
    map.on("zoomend", () => { renderMarkers(); toggleTownLabels(); });
    toggleTownLabels();
    drawMapLegend();
  }

  // The offline base layer: neighbours and seas as labels, towns as dots with
  // names (names from zoom 7 on, so the country view stays readable).
  function drawBaseLayer() {
    if (baseLayer) baseLayer.remove();
    baseLayer = L.layerGroup();
    const g = state.gazetteer || { labels: [], towns: [] };
    for (const l of g.labels) {
      const node = el("span", { class: `map-label ${l.kind}`, text: lang === "ar" ? l.name_ar : l.name_en });
      L.marker([l.lat, l.lon], { pane: "base", interactive: false, keyboard: false,
        icon: L.divIcon({ className: "label-icon", html: node, iconSize: null }) }).addTo(baseLayer);
    }
    for (const tw of g.towns) {
      const node = el("span", { class: "town" }, el("span", { class: "town-dot" }),
        el("span", { class: "town-name", text: lang === "ar" ? tw.name_ar : tw.name_en }));
      L.marker([tw.lat, tw.lon], { pane: "base", interactive: false, keyboard: false,
        icon: L.divIcon({ className: "label-icon", html: node, iconSize: null }) }).addTo(baseLayer);
    }
    baseLayer.addTo(map);
  }
  function toggleTownLabels() {
    $("#map").classList.toggle("show-towns", map.getZoom() >= 7);
  }

  function zoomToFilter() {
    if (!map || !govLayer) return;
    const chosen = new Set(state.filters.admin1);
    let bounds = null;
    govLayer.eachLayer((layer) => {
      if (chosen.has(layer.feature.properties.pcode)) bounds = bounds ? bounds.extend(layer.getBounds()) : L.latLngBounds(layer.getBounds().getSouthWest(), layer.getBounds().getNorthEast());
    });
    map.fitBounds(bounds || govLayer.getBounds(), { padding: [10, 10], maxZoom: 9 });
  }

  function drawMapLegend() {
    const lg = $("#map-legend");
    const sizes = [1, 10, SIZE_CAP].map((n) => {
      const d = markerDiameter(n);
      return el("span", { class: "item size-item" },
        el("span", { class: "size-sample", style: { width: `${d}px`, height: `${d}px` } }),
        n === SIZE_CAP ? `${fmtNum(n)}+` : fmtNum(n));
    });
    const present = new Set(placeGroups.flatMap((g) => g.events.map((e) => e.type)));
    const types = TYPES.filter((ty) => present.size === 0 || present.has(ty)).map((ty) =>
      el("span", { class: "item", "data-type": ty }, el("span", { class: "swatch", style: { background: typeColor(ty) } }), typeLabel(ty)));
    const max = Math.max(1, ...Object.values(govCounts));
    const ramp = el("span", { class: "ramp", style: { background: `linear-gradient(to ${lang === "ar" ? "left" : "right"}, ${shade(0, max)}, ${shade(max, max)})` } });
    lg.replaceChildren(
      el("div", { class: "legend-row" }, el("strong", { text: t("legend_size") }), sizes,
        el("span", { class: "item" }, el("span", { class: "size-sample gov" }), t("gov_level"))),
      el("div", { class: "legend-row" }, el("strong", { text: t("c_type") }), types),
      el("div", { class: "legend-row" }, el("strong", { text: t("legend_shade") }), "0", ramp, fmtNum(max)));
  }

  const shade = (n, max) => (n ? d3.interpolateBlues(0.1 + 0.55 * Math.sqrt(n / max)) : "#fbfaf6");
  function shadeGovernorates(places) {
    for (const k of Object.keys(govCounts)) delete govCounts[k];
    for (const p of (places && places.admin1) || []) govCounts[p.pcode] = p.events;
    const max = Math.max(1, ...Object.values(govCounts));
    govLayer.eachLayer((layer) => {
      const p = layer.feature.properties.pcode;
      const n = govCounts[p] || 0;
      const on = state.filters.admin1.includes(p);
      layer.setStyle({ fillColor: shade(n, max), weight: on ? 3 : 1, color: on ? "#17324d" : "#5d6670" });
      const node = layer.getElement && layer.getElement();
      if (node) { node.setAttribute("data-events", String(n)); node.classList.toggle("chosen", on); }
    });
  }

  // `points` come from /api/events?view=points. Events at one place (same
  // coordinates and precision) form one group; nothing is jittered.
  function drawEventPoints(points) {
    const groups = new Map();
    let mapped = 0;
    for (const ev of points) {
      let lat = ev.lat, lon = ev.lon;
      let gov = ev.geo_precision === 3;
      if ((lat == null || lon == null) && ev.admin1_pcode && state.governorates[ev.admin1_pcode]) {
        const g = state.governorates[ev.admin1_pcode];
        lat = g.lat; lon = g.lon; gov = true;
      }
      if (lat == null || lon == null) continue;
      mapped++;
      const key = `${lat.toFixed(4)},${lon.toFixed(4)},${gov ? 1 : 0}`;
      if (!groups.has(key)) groups.set(key, { lat, lon, gov, events: [] });
      groups.get(key).events.push(ev);
    }
    placeGroups = Array.from(groups.values());
    state.mapped = mapped;
    fitRegion();
    renderMarkers();
    drawMapLegend();
  }

  // Events outside Yemen (Israel, Saudi Arabia, the Red Sea: `country` other than
  // YEM) widen the view to the region they lie in; back to Yemen when none is left.
  let regionView = false;
  function fitRegion() {
    if (!map || !govLayer) return;
    const yemen = govLayer.getBounds();
    const outside = placeGroups.filter((g) => !yemen.contains([g.lat, g.lon]));
    $("#map").setAttribute("data-view", outside.length ? "region" : "yemen");
    if (outside.length) {
      const b = L.latLngBounds(yemen.getSouthWest(), yemen.getNorthEast());
      for (const g of outside) b.extend([g.lat, g.lon]);
      map.fitBounds(b, { padding: [20, 20] });
      regionView = true;
    } else if (regionView) {
      map.fitBounds(yemen, { padding: [6, 6] });
      regionView = false;
    }
  }

  // Greedy clustering in screen space: groups closer than the largest marker
  // merge into one marker (with a count); re-run on every zoom.
  function renderMarkers() {
    if (!eventLayer) return;
    eventLayer.clearLayers();
    const radius = MAX_DIAMETER * 0.8;
    const sorted = placeGroups.slice().sort((a, b) => b.events.length - a.events.length);
    const clusters = [];
    for (const g of sorted) {
      const pt = map.latLngToLayerPoint([g.lat, g.lon]);
      const hit = clusters.find((c) => c.pt.distanceTo(pt) < radius);
      if (hit) hit.groups.push(g); else clusters.push({ pt, lat: g.lat, lon: g.lon, groups: [g] });
    }
    for (const c of clusters) {
      const events = c.groups.flatMap((g) => g.events);
      const n = events.length;
      const byType = {};
      for (const e of events) byType[e.type] = (byType[e.type] || 0) + 1;
      const top = Object.entries(byType).sort((a, b) => b[1] - a[1])[0][0];
      const gov = c.groups.every((g) => g.gov);
      const d = markerDiameter(n);
      const deaths = events.reduce((s, e) => s + (e.fatalities || 0), 0);
      const node = el("div", {
        class: `event-marker${gov ? " gov" : ""}${c.groups.length > 1 ? " cluster" : ""}`,
        "data-count": String(n), "data-type": top, "data-places": String(c.groups.length),
        style: { width: `${d}px`, height: `${d}px`, "--type-color": typeColor(top), "background-color": typeColor(top) },
      }, n > 1 ? el("span", { class: "count", text: fmtNum(n) }) : null);
      if (n === 1) node.setAttribute("data-event-id", events[0].event_id);
      const m = L.marker([c.lat, c.lon], {
        icon: L.divIcon({ className: "event-icon", html: node, iconSize: [d, d] }),
        keyboard: true, title: "", riseOnHover: true,
      });
      const placeName = (e) => (lang === "ar" ? e.place_ar || e.place : e.place || e.place_ar) || govName(e.admin1_pcode);
      m.bindTooltip(() => el("div", { class: "tip" },
        el("strong", { text: c.groups.length > 1 ? t("n_places", c.groups.length) : placeName(events[0]) }),
        gov ? el("div", { class: "hint", text: t("gov_level") }) : null,
        el("div", { text: t("n_events", n) }),
        el("div", {}, Object.entries(byType).sort((a, b) => b[1] - a[1]).slice(0, 4)
          .map(([ty, k]) => `${typeLabel(ty)} ${fmtNum(k)}`).join(" · ")),
        deaths ? el("div", { text: `${t("fatalities")}: ${fmtNum(deaths)}` }) : null), { direction: "top", offset: [0, -d / 2] });
      m.on("click", () => {
        if (n === 1) { openEvent(events[0].event_id); return; }
        if (c.groups.length > 1) {
          map.fitBounds(L.latLngBounds(c.groups.map((g) => [g.lat, g.lon])), { padding: [40, 40], maxZoom: map.getZoom() + 3 });
          return;
        }
        m.unbindPopup();
        m.bindPopup(placePopup(events, placeName(events[0])), { maxWidth: 360 }).openPopup();
      });
      m.addTo(eventLayer);
    }
  }

  function placePopup(events, name) {
    const shown = events.slice().sort((a, b) => String(b.date || "").localeCompare(String(a.date || ""))).slice(0, 25);
    return el("div", { class: "place-popup" },
      el("strong", { text: `${name} — ${t("n_events", events.length)}` }),
      el("ul", {}, shown.map((e) => el("li", {}, el("button", { type: "button", class: "linkish", onclick: () => openEvent(e.event_id) },
        `${e.date ? fmtDay(e.date) : t("none")} · ${typeLabel(e.type)}${e.fatalities ? ` · ${t("fatalities")} ${fmtNum(e.fatalities)}` : ""}`)))),
      events.length > shown.length ? el("p", { class: "hint", text: t("more_events", events.length - shown.length) }) : null);
  }

  // ---------------------------------------------------------------- timeline
  // Drawn from the stats of every filter except the dates, over the range
  // where the data is (1st–99th percentile); the brush sets `from`/`to`.
  const parseDay = (s) => new Date(`${s}T00:00:00Z`);
  const isoDay = (d) => d.toISOString().slice(0, 10);
  let brushing = false;
  function drawTimeline(stats) {
    const box = $("#timeline");
    box.replaceChildren();
    const rows = (stats && stats.by_week) || [];
    const range = stats && (state.axis === "wide" ? stats.range : stats.core || stats.range);
    if (!rows.length || !range) {
      box.append(el("p", { class: "hint", text: t("no_events") }));
      $("#timeline-legend").replaceChildren();
      $("#timeline-count").textContent = "";
      return;
    }
    const t0 = d3.utcMonday.floor(parseDay(range.from));
    const t1 = d3.utcMonday.offset(d3.utcMonday.floor(parseDay(range.to)), 1);
    const inAxis = rows.filter((r) => parseDay(r.week) >= t0 && parseDay(r.week) < t1);
    const outside = rows.reduce((s, r) => s + r.events, 0) - inAxis.reduce((s, r) => s + r.events, 0);
    const weeks = d3.utcMonday.range(t0, t1).map(isoDay);
    const byWeek = new Map(weeks.map((w) => [w, {}]));
    for (const r of inAxis) byWeek.get(r.week)[r.type] = r.events;
    const types = TYPES.filter((ty) => inAxis.some((r) => r.type === ty));
    const data = weeks.map((w) => Object.assign({ week: w }, ...types.map((ty) => ({ [ty]: byWeek.get(w)[ty] || 0 }))));
    const stack = d3.stack().keys(types)(data);

    const width = Math.max(320, box.clientWidth || 600), height = 200;
    const margin = { top: 8, right: 14, bottom: 30, left: 34 };
    const x = d3.scaleUtc().domain([t0, t1]).range([margin.left, width - margin.right]);
    const y = d3.scaleLinear().domain([0, d3.max(data, (d) => d3.sum(types, (k) => d[k])) || 1]).nice()
      .range([height - margin.bottom, margin.top]);
    // Time runs left to right in both languages (as in Arabic news charts).
    const svg = d3.select(box).append("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("height", height)
      .attr("direction", "ltr").attr("role", "img").attr("aria-label", t("h_timeline"));
    const barW = Math.max(1, x(d3.utcMonday.offset(t0, 1)) - x(t0) - 1);
    svg.append("g").selectAll("g").data(stack).join("g").attr("fill", (s) => typeColor(s.key))
      .attr("data-type", (s) => s.key)
      .selectAll("rect").data((s) => s.map((d) => Object.assign(d, { key: s.key }))).join("rect")
      .attr("class", "bar")
      .attr("x", (d) => x(parseDay(d.data.week)))
      .attr("width", barW)
      .attr("y", (d) => y(d[1]))
      .attr("height", (d) => Math.max(0, y(d[0]) - y(d[1])))
      .attr("data-week", (d) => d.data.week)
      .append("title").text((d) => `${fmtDay(d.data.week)}: ${typeLabel(d.key)} ${fmtNum(d[1] - d[0])}`);
    // Ticks on Mondays (ISO weeks), every k weeks so that labels do not collide.
    const nWeeks = weeks.length;
    const fit = Math.max(2, Math.floor((width - margin.left - margin.right) / 72));
    const k = [1, 2, 4, 8, 13, 26, 52, 104].find((s) => Math.ceil(nWeeks / s) <= fit) || 104;
    const ticks = weeks.filter((_, i) => i % k === 0).map(parseDay);
    const fmtTick = (d) => fmtDay(isoDay(d), { day: "numeric", month: "short" }) +
      (d.getUTCMonth() === 0 && d.getUTCDate() <= 7 * k || d === ticks[0] ? ` ${d.getUTCFullYear()}` : "");
    svg.append("g").attr("class", "axis x-axis").attr("transform", `translate(0,${height - margin.bottom})`)
      .call(d3.axisBottom(x).tickValues(ticks).tickFormat(fmtTick).tickSizeOuter(0));
    const yMax = y.domain()[1];
    svg.append("g").attr("class", "axis").attr("transform", `translate(${margin.left},0)`)
      .call(d3.axisLeft(y).tickValues(y.ticks(Math.min(4, yMax)).filter(Number.isInteger)).tickFormat((v) => fmtNum(v)));

    const brush = d3.brushX().extent([[margin.left, margin.top], [width - margin.right, height - margin.bottom]])
      .on("end", (e) => {
        if (brushing || !e.sourceEvent) return;
        if (!e.selection) { setFilter({ from: "", to: "" }); return; }
        const [a, b] = e.selection.map((px) => x.invert(px));
        const from = d3.utcMonday.floor(a);
        let to = d3.utcMonday.ceil(b);
        if (to <= from) to = d3.utcMonday.offset(from, 1);
        setFilter({ from: isoDay(from), to: isoDay(d3.utcDay.offset(to, -1)) });
      });
    const bg = svg.append("g").attr("class", "brush").call(brush);
    const { from, to } = state.filters;
    if (from || to) {
      const a = from ? Math.max(x(parseDay(from)), margin.left) : margin.left;
      const b = to ? Math.min(x(d3.utcDay.offset(parseDay(to), 1)), width - margin.right) : width - margin.right;
      if (b > a) { brushing = true; bg.call(brush.move, [a, b]); brushing = false; }
      svg.selectAll("rect.bar").classed("dimmed", (d) => (from && d.data.week < isoDay(d3.utcMonday.floor(parseDay(from)))) || (to && d.data.week > to));
    }
    $("#timeline-legend").replaceChildren(...types.map((ty) =>
      el("span", { class: "item", "data-type": ty }, el("span", { class: "swatch", style: { background: typeColor(ty) } }), typeLabel(ty))));
    const dated = rows.reduce((s, r) => s + r.events, 0);
    const wide = state.axis === "wide";
    $("#timeline-count").replaceChildren(t("tl_count", dated, stats.undated || 0, outside), " ",
      el("button", { type: "button", class: "linkish", id: "axis-toggle",
        onclick: () => { state.axis = wide ? "core" : "wide"; pushURL(); drawTimeline(stats); } },
      `(${t(wide ? "axis_core" : "axis_wide")})`));
  }

  // ---------------------------------------------------------------- graph
  const GRAPH_TOP = 15;
  const LABEL_MAX = 26; // characters; the full name is in the tooltip
  let measureCtx = null;
  function textWidth(s, px) {
    if (!measureCtx) measureCtx = document.createElement("canvas").getContext("2d");
    measureCtx.font = `${px}px ${getComputedStyle(document.body).fontFamily}`;
    return measureCtx.measureText(s).width;
  }
  function drawGraph(graph, allActors) {
    const box = $("#graph");
    box.replaceChildren();
    const nodes = ((graph && graph.nodes) || []).map((n) => Object.assign({}, n));
    // Edges of a single event are drawn only when the graph is sparse.
    let edges = ((graph && graph.edges) || []).map((e) => Object.assign({}, e));
    if (edges.length > nodes.length * 2) edges = edges.filter((e) => e.events >= 2);
    $("#graph-count").textContent = nodes.length ? t("graph_count", nodes.length, allActors) : "";
    if (!nodes.length) { box.append(el("p", { class: "hint", text: t("no_events") })); return; }
    const width = box.clientWidth || 600, height = box.clientHeight || 360;
    const maxN = Math.max(1, ...nodes.map((n) => n.events || 1));
    const radius = (n) => 5 + 13 * Math.sqrt((n.events || 1) / maxN);
    // The layout is computed at once (fixed number of ticks), so it is the
    // same on every load and labels can be placed after it.
    const sim = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(edges).id((n) => n.id).distance(110).strength(0.15))
      .force("charge", d3.forceManyBody().strength(-500))
      .force("x", d3.forceX(width / 2).strength(0.08))
      .force("y", d3.forceY(height / 2).strength(0.12))
      .force("collide", d3.forceCollide().radius((n) => radius(n) + 6))
      .stop();
    for (let i = 0; i < 300; i++) sim.tick();
    const pad = 24;
    const xs = d3.extent(nodes, (n) => n.x), ys = d3.extent(nodes, (n) => n.y);
    const sx = d3.scaleLinear().domain(xs[0] === xs[1] ? [xs[0] - 1, xs[1] + 1] : xs).range([pad, width - pad]);
    const sy = d3.scaleLinear().domain(ys[0] === ys[1] ? [ys[0] - 1, ys[1] + 1] : ys).range([pad, height - pad]);
    for (const n of nodes) { n.px = sx(n.x); n.py = sy(n.y); }

    const svg = d3.select(box).append("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("height", height)
      .attr("direction", "ltr");
    const maxW = Math.max(1, ...edges.map((e) => e.events || 1));
    const link = svg.append("g").selectAll("line").data(edges).join("line")
      .attr("class", "graph-edge")
      .attr("data-kind", (e) => e.kind)
      .attr("stroke", (e) => (e.kind === "conflict" ? "#d7301f" : "#2b8cbe"))
      .attr("stroke-width", (e) => 1 + 7 * Math.sqrt((e.events || 1) / maxW))
      .attr("x1", (e) => e.source.px).attr("y1", (e) => e.source.py)
      .attr("x2", (e) => e.target.px).attr("y2", (e) => e.target.py);
    link.append("title").text((e) => `${actorName(e.source.id, e.source.name)} — ${actorName(e.target.id, e.target.name)}: ${t("n_events", e.events)} (${t("cooperation")} ${fmtNum(e.cooperation || 0)}, ${t("conflict")} ${fmtNum(e.conflict || 0)})`);

    // Labels: largest actors first, each at the first free spot among four
    // around its node; a label that fits nowhere shows on hover and focus only.
    const fontPx = 12;
    const taken = nodes.map((n) => ({ x0: n.px - radius(n), x1: n.px + radius(n), y0: n.py - radius(n), y1: n.py + radius(n) }));
    const short = (s) => (Array.from(s).length > LABEL_MAX ? `${Array.from(s).slice(0, LABEL_MAX - 1).join("")}…` : s);
    const overlaps = (b) => taken.some((o) => b.x0 < o.x1 && b.x1 > o.x0 && b.y0 < o.y1 && b.y1 > o.y0);
    const order = nodes.slice().sort((a, b) => b.events - a.events);
    for (const n of order) {
      n.fullName = actorName(n.id, n.name);
      n.label = short(n.fullName);
      const w = textWidth(n.label, fontPx) + 4, h = fontPx + 3, r = radius(n) + 3;
      const spots = [
        { x0: n.px + r, y0: n.py - h / 2, anchor: "start", tx: n.px + r + 2, ty: n.py },
        { x0: n.px - r - w, y0: n.py - h / 2, anchor: "end", tx: n.px - r - 2, ty: n.py },
        { x0: n.px - w / 2, y0: n.py - r - h, anchor: "middle", tx: n.px, ty: n.py - r - h / 2 },
        { x0: n.px - w / 2, y0: n.py + r, anchor: "middle", tx: n.px, ty: n.py + r + h / 2 },
        { x0: n.px + r * 0.7, y0: n.py - r * 0.7 - h, anchor: "start", tx: n.px + r * 0.7 + 2, ty: n.py - r * 0.7 - h / 2 },
        { x0: n.px - r * 0.7 - w, y0: n.py - r * 0.7 - h, anchor: "end", tx: n.px - r * 0.7 - 2, ty: n.py - r * 0.7 - h / 2 },
        { x0: n.px + r * 0.7, y0: n.py + r * 0.7, anchor: "start", tx: n.px + r * 0.7 + 2, ty: n.py + r * 0.7 + h / 2 },
        { x0: n.px - r * 0.7 - w, y0: n.py + r * 0.7, anchor: "end", tx: n.px - r * 0.7 - 2, ty: n.py + r * 0.7 + h / 2 },
      ];
      n.spot = null;
      for (const s of spots) {
        const b = { x0: s.x0, x1: s.x0 + w, y0: s.y0, y1: s.y0 + h };
        if (b.x0 < 0 || b.x1 > width || b.y0 < 0 || b.y1 > height) continue;
        if (overlaps(b)) continue;
        taken.push(b);
        n.spot = s;
        break;
      }
      if (!n.spot) {
        const s = spots.find((q) => q.x0 >= 0 && q.x0 + w <= width) || spots[0];
        n.spot = Object.assign({ hidden: true }, s);
      }
    }
    const node = svg.append("g").selectAll("g").data(nodes).join("g")
      .attr("class", (n) => `graph-node${state.filters.actor.includes(n.id) ? " selected" : ""}${n.spot.hidden ? " label-on-focus" : ""}`)
      .attr("data-actor", (n) => n.id)
      .attr("tabindex", 0).attr("role", "button")
      .attr("aria-label", (n) => `${n.fullName}: ${t("n_events", n.events || 0)}`)
      .attr("transform", (n) => `translate(${n.px},${n.py})`)
      .on("click", (_e, n) => openActor(n.id))
      .on("keydown", (e, n) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); openActor(n.id); } });
    node.append("circle").attr("r", radius).attr("fill", (n) => (state.filters.actor.includes(n.id) ? "#17324d" : "#5b7a99"));
    node.append("text").attr("class", "graph-label")
      .attr("x", (n) => n.spot.tx - n.px).attr("y", (n) => n.spot.ty - n.py).attr("dy", "0.35em")
      .attr("text-anchor", (n) => n.spot.anchor).attr("font-size", fontPx)
      .text((n) => n.label);
    node.append("title").text((n) => `${n.fullName}: ${t("n_events", n.events || 0)}`);
  }

  // ---------------------------------------------------------------- list
  function drawList(page) {
    const tb = $("#event-list tbody");
    tb.replaceChildren();
    for (const ev of page.events) {
      const tr = el("tr", {
        class: `event-row${state.selectedEvent === ev.event_id ? " selected" : ""}`, "data-event-id": ev.event_id,
        tabindex: 0, "aria-selected": String(state.selectedEvent === ev.event_id),
        onclick: () => openEvent(ev.event_id),
        onkeydown: (e) => {
          if (e.key === "Enter" || e.key === " ") { e.preventDefault(); openEvent(ev.event_id); }
          else if (e.key === "ArrowDown" && tr.nextElementSibling) { e.preventDefault(); tr.nextElementSibling.focus(); }
          else if (e.key === "ArrowUp" && tr.previousElementSibling) { e.preventDefault(); tr.previousElementSibling.focus(); }
        },
      },
      el("td", {}, fmtDate(ev.date)),
      el("td", {}, typeBadge(ev.plover.type)),
      el("td", {}, actorLabel(ev.actor1)),
      el("td", {}, actorLabel(ev.actor2)),
      el("td", {}, placeLabel(ev.location)),
      el("td", { class: "num" }, num(ev.fatalities)),
      el("td", { class: "num" }, fmtNum(ev.sources || 1),
        ev.deaths_disagree ? el("span", { class: "warn", title: t("disagree", ""), "aria-label": t("disagree", ""), text: " ⚠" }) : null));
      tb.append(tr);
    }
    if (!page.events.length) tb.append(el("tr", {}, el("td", { colspan: 7, class: "hint", text: t("no_events") })));
    const a = page.total ? page.offset + 1 : 0, b = page.offset + page.events.length;
    $("#page-info").textContent = t("page", a, b, page.total);
    $("#page-prev").disabled = page.offset <= 0;
    $("#page-next").disabled = b >= page.total;
    $("#list-count").textContent = t("all_shown", page.total);
  }
  const typeBadge = (ty) => el("span", { class: "type-badge", style: { background: typeColor(ty) }, "data-type": ty, title: ty }, typeLabel(ty));

  // ---------------------------------------------------------------- counts
  // The header says how many events the filters give, of how many, and how
  // many of them the map and the timeline cannot show (with a link to list them).
  function drawCounts(stats) {
    const box = $("#counts");
    const n = stats.events, total = stats.events_total;
    box.dataset.events = String(n);
    box.dataset.unlocated = String(stats.unlocated);
    box.dataset.undated = String(stats.undated);
    const parts = [el("strong", { class: "count-main", text: n === total ? t("all_shown", n) : t("shown_of", n, total) })];
    if (stats.unlocated && state.filters.located !== "no") {
      parts.push(" · ", el("span", { class: "count-unlocated" }, t("no_place", stats.unlocated), " ",
        el("button", { type: "button", class: "linkish", id: "show-unlocated", onclick: () => setFilter({ located: "no" }) }, `(${t("list_them")})`)));
    }
    if (stats.undated && state.filters.dated !== "no") {
      parts.push(" · ", el("span", { class: "count-undated" }, t("no_date", stats.undated), " ",
        el("button", { type: "button", class: "linkish", id: "show-undated", onclick: () => setFilter({ dated: "no", from: "", to: "" }) }, `(${t("list_them")})`)));
    }
    box.replaceChildren(...parts);
  }

  // ---------------------------------------------------------------- event panel
  function fieldList(ev, extra = {}) {
    const rows = [];
    // Each value is an isolated run: it keeps its own direction and the row's alignment.
    const add = (k, v) => rows.push(el("dt", { text: t(k) }), el("dd", {}, el("bdi", {}, v == null || v === "" ? t("none") : v)));
    const loc = ev.location;
    const actorButton = (a) => el("button", { type: "button", class: "linkish actor-link", "data-actor": a.id, onclick: () => openActor(a.id) }, actorLabel(a));
    const actors = (list) => (list && list.length ? list.flatMap((a, i) => (i ? ["، ", actorButton(a)] : [actorButton(a)])) : null);
    add("type", typeBadge(ev.plover.type));
    add("acled_event", coded(ev.acled && ev.acled.event_type));
    add("acled_sub", coded(ev.acled && ev.acled.sub_event_type));
    add("date", fmtDate(ev.date));
    add("location", loc ? placeLabel(loc) : null);
    add("admin2", loc && loc.admin2 ? distName(loc.admin2_pcode, loc.admin2) : null);
    add("actor1", ev.actor1 ? [actorButton(ev.actor1), ev.actor1.text ? ` — «${ev.actor1.text}»` : ""] : null);
    add("actor2", ev.actor2 ? [actorButton(ev.actor2), ev.actor2.text ? ` — «${ev.actor2.text}»` : ""] : null);
    if (ev.assoc_actor1 && ev.assoc_actor1.length) add("assoc1", actors(ev.assoc_actor1));
    if (ev.assoc_actor2 && ev.assoc_actor2.length) add("assoc2", actors(ev.assoc_actor2));
    add("fatalities", num(ev.fatalities));
    add("injured", num(ev.injured));
    if (ev.detained != null) add("detained", num(ev.detained));
    if (ev.released != null) add("released", num(ev.released));
    add("hedged", yesNo(ev.hedged));
    const main = el("dl", { class: "main-fields" }, rows.splice(0));
    // The rest of the record, folded.
    add("event_id", ev.event_id);
    if (extra.cnty) add("event_id_cnty", extra.cnty);
    add("mode", coded(ev.plover.mode));
    add("cameo", ev.cameo);
    add("goldstein", ev.goldstein);
    add("acled_disorder", coded(ev.acled && ev.acled.disorder_type));
    add("acled_inter", coded(ev.acled && ev.acled.interaction));
    add("precision", ev.date && t(`precision_${ev.date.precision}`));
    add("date_text", ev.date && ev.date.text);
    add("admin1", loc && loc.admin1_pcode ? `${govName(loc.admin1_pcode, loc.admin1)} (${loc.admin1_pcode})` : null);
    add("coords", loc && loc.lat != null ? `${loc.lat}, ${loc.lon}` : null);
    add("geo_precision", loc && loc.geo_precision);
    add("place_text", loc && loc.text);
    add("persons", ev.persons && ev.persons.length
      ? ev.persons.map((p) => `${p.name_ar}${p.role_ar ? ` (${p.role_ar})` : ""}${p.affiliation ? ` [${p.affiliation}]` : ""}`).join("؛ ")
      : null);
    add("claimed", yesNo(ev.claimed));
    add("attribution", ev.attribution ? `${coded(ev.attribution.kind)}${ev.attribution.text ? ` — «${ev.attribution.text}»` : ""}` : null);
    add("confidence", ev.confidence != null ? fmtNum(Math.round(ev.confidence * 100) / 100) : null);
    add("doc", ev.doc_id);
    return el("div", {}, main, el("details", { class: "all-fields" }, el("summary", { text: t("all_fields") }), el("dl", {}, rows)));
  }

  function clearPanel() {
    state.selectedEvent = null;
    $("#event-panel").replaceChildren(el("p", { class: "hint", text: t("pick_event") }));
    $("#panel-card").classList.remove("open");
    document.querySelectorAll("#event-list tr.event-row.selected").forEach((r) => r.classList.remove("selected"));
  }

  async function openEvent(id, push = true) {
    state.selectedEvent = id;
    if (push) pushURL();
    document.querySelectorAll("#event-list tr.event-row").forEach((r) => {
      r.classList.toggle("selected", r.dataset.eventId === id);
      r.setAttribute("aria-selected", String(r.dataset.eventId === id));
    });
    const panel = $("#event-panel");
    try {
      const data = await api(`api/events/${encodeURIComponent(id)}`);
      if (state.selectedEvent !== id) return;
      const ev = data.event;
      const sources = data.sources || [];
      const tolls = Array.from(new Set(sources.map((s) => s.figures && s.figures.fatalities).filter((x) => x != null))).sort((a, b) => a - b);
      panel.replaceChildren(
        el("div", { "data-event-id": ev.event_id, class: "event-detail" },
          el("p", { class: "event-headline", dir: "auto" }, typeBadge(ev.plover.type), " ", fmtDate(ev.date), " · ", placeLabel(ev.location)),
          el("p", { class: "meta sources-count" }, t("reported_by", sources.length)),
          data.deaths_disagree ? el("p", { class: "disagree", role: "note" }, `⚠ ${t("disagree", tolls.map(fmtNum).join("، "))}`) : null,
          fieldList(ev, { cnty: data.event_id_cnty }),
          el("h3", { text: t("evidence") }),
          (ev.evidence || []).map((e) => el("blockquote", { class: "evidence-quote", lang: "ar", dir: "rtl" }, e.text)),
          el("h3", { text: t("sources") }),
          el("ul", { class: "sources" }, sources.map((s) => el("li", { "data-doc-id": s.doc_id },
            el("div", { dir: "auto", lang: "ar", class: "arabic-text" }, s.title || s.doc_id),
            el("div", { class: "meta" }, [s.pub_date ? fmtDay(s.pub_date) : null, s.source, s.url].filter(Boolean).join(" · ")),
            s.figures ? el("div", { class: "meta" }, `${t("figures")}: ${t("fatalities")} ${num(s.figures.fatalities)}، ${t("injured")} ${num(s.figures.injured)}`) : null,
            el("button", { type: "button", class: "linkish open-article", "data-doc-id": s.doc_id,
              onclick: () => openArticle(s.doc_id, s.event_id || ev.event_id) }, t("open_article")))))));
      $("#panel-card").classList.add("open");
      $("#panel-title").textContent = t("h_event");
    } catch (e) {
      showError(e.message);
    }
  }

  // ---------------------------------------------------------------- article view
  // Field highlights inside the active event's evidence: the words that named
  // the actors, the date and the place, and the numbers behind the counts.
  function fieldSpans(text, ev) {
    const out = [];
    const chars = Array.from(text);
    const find = (needle, kind, within) => {
      if (!needle) return;
      const n = Array.from(needle);
      for (const [s, e] of within) {
        for (let i = s; i + n.length <= e; i++) {
          let ok = true;
          for (let j = 0; j < n.length; j++) if (chars[i + j] !== n[j]) { ok = false; break; }
          if (ok) { out.push({ s: i, e: i + n.length, kind }); return; }
        }
      }
    };
    const within = (ev.evidence || []).map((x) => [Math.max(0, x.start), Math.min(chars.length, x.end)]);
    // The trigger has its own offsets: the words that opened the event.
    if (ev.trigger && ev.trigger.end > ev.trigger.start) {
      out.push({ s: Math.max(0, ev.trigger.start), e: Math.min(chars.length, ev.trigger.end), kind: "trigger" });
    }
    for (const a of [ev.actor1, ev.actor2, ...(ev.assoc_actor1 || []), ...(ev.assoc_actor2 || [])]) if (a && a.text) find(a.text, "actor", within);
    if (ev.date && ev.date.text) find(ev.date.text, "date", within);
    if (ev.location && ev.location.text) find(ev.location.text, "place", within);
    for (const n of [ev.fatalities, ev.injured, ev.detained, ev.released]) {
      if (n == null) continue;
      find(String(n), "count", within);
      find(String(n).replace(/[0-9]/g, (d) => "٠١٢٣٤٥٦٧٨٩"[d]), "count", within);
    }
    return out;
  }

  // Renders `text` with every evidence span of `events` wrapped in <mark>; the
  // active event's marks are strong, the others muted. Offsets are Unicode
  // scalar (char) offsets, so the text is split into code points.
  function renderHighlighted(container, text, events, activeId) {
    const chars = Array.from(text);
    const bounds = new Set([0, chars.length]);
    const spans = [];
    for (const ev of events) {
      for (const e of ev.evidence || []) {
        const s = Math.max(0, Math.min(chars.length, e.start)), en = Math.max(s, Math.min(chars.length, e.end));
        if (en > s) { spans.push({ s, e: en, id: ev.event_id, type: ev.plover.type }); bounds.add(s); bounds.add(en); }
      }
    }
    const active = events.find((ev) => ev.event_id === activeId);
    const fields = active ? fieldSpans(text, active) : [];
    for (const f of fields) { bounds.add(f.s); bounds.add(f.e); }
    const cuts = Array.from(bounds).sort((a, b) => a - b);
    container.replaceChildren();
    for (let i = 0; i + 1 < cuts.length; i++) {
      const a = cuts[i], b = cuts[i + 1];
      const piece = chars.slice(a, b).join("");
      const covering = spans.filter((sp) => sp.s <= a && sp.e >= b);
      if (!covering.length) { container.append(document.createTextNode(piece)); continue; }
      const ids = Array.from(new Set(covering.map((c) => c.id)));
      const isActive = activeId && ids.includes(activeId);
      const field = isActive ? fields.find((f) => f.s <= a && f.e >= b) : null;
      const m = el("mark", {
        class: `evidence${isActive ? " active" : activeId ? " muted" : ""}${field ? ` field field-${field.kind}` : ""}`,
        "data-event-ids": ids.join(" "), "data-type": covering[0].type,
        title: covering.map((c) => typeLabel(c.type)).join("، "),
      }, piece);
      m.addEventListener("click", () => focusEvent(container, ids[0]));
      container.append(m);
    }
  }

  function drawFieldLegend() {
    $("#field-legend").replaceChildren(el("strong", { text: t("f_legend") }),
      el("mark", { class: "evidence active sample", text: t("active_ev") }),
      el("mark", { class: "evidence muted sample", text: t("other_ev") }),
      ...["trigger", "actor", "date", "place", "count"].map((k) => el("mark", { class: `evidence active field field-${k} sample`, text: t(`f_${k}_field`) })));
  }

  function eventCards(box, events, activeId, container) {
    box.replaceChildren();
    if (!events.length) { box.append(el("p", { class: "hint", text: t("no_events") })); return; }
    for (const ev of events) {
      box.append(el("div", {
        class: `event-card${ev.event_id === activeId ? " active" : ""}`, "data-event-id": ev.event_id, tabindex: 0,
        onclick: () => focusEvent(container, ev.event_id),
        onkeydown: (e) => { if (e.key === "Enter") focusEvent(container, ev.event_id); },
      },
      // Each part is its own isolated run, so Arabic and English parts keep their order.
      el("div", { class: "card-summary", dir: "auto" }, typeBadge(ev.plover.type), " ",
        el("bdi", { text: fmtDate(ev.date) }), " · ", el("bdi", { text: actorLabel(ev.actor1) }),
        ev.actor2 ? [" → ", el("bdi", { text: actorLabel(ev.actor2) })] : "", " · ", el("bdi", { text: placeLabel(ev.location) })),
      fieldList(ev)));
    }
  }

  function focusEvent(container, id, flash = true) {
    const docText = container.dataset.text;
    const events = container._events || [];
    if (docText != null) renderHighlighted(container, docText, events, id);
    const cards = container === $("#article-view") ? $("#article-events") : $("#paste-events");
    cards.querySelectorAll(".event-card").forEach((c) => c.classList.toggle("active", c.dataset.eventId === id));
    if (container === $("#article-view") && state.article) { state.article.eventId = id; pushURL(true); }
    const first = container.querySelector("mark.evidence.active");
    if (first) {
      first.scrollIntoView({ block: "center" });
      if (flash) {
        container.querySelectorAll("mark.evidence.active").forEach((m) => {
          m.classList.remove("flash");
          void m.offsetWidth; // restart the animation
          m.classList.add("flash");
        });
      }
    }
    const card = cards.querySelector(".event-card.active");
    if (card) card.scrollIntoView({ block: "nearest" });
  }

  async function openArticle(docId, eventId, push = true) {
    state.article = { docId, eventId };
    try {
      const doc = await api(`api/documents/${encodeURIComponent(docId)}`);
      // The title is the text's first line: shown once, as the text's heading.
      $("#article-meta").textContent = [doc.doc_id, doc.pub_date ? fmtDay(doc.pub_date) : null, doc.source, doc.url].filter(Boolean).join(" · ");
      const view = $("#article-view");
      view.dataset.docId = doc.doc_id;
      view.dataset.text = doc.text;
      view._events = doc.events || [];
      drawFieldLegend();
      eventCards($("#article-events"), doc.events || [], eventId, view);
      showTab("article", false);
      if (push) pushURL();
      renderHighlighted(view, doc.text, doc.events || [], eventId);
      if (eventId) requestAnimationFrame(() => focusEvent(view, eventId));
      else window.scrollTo(0, 0);
    } catch (e) {
      showError(e.message);
    }
  }

  // ---------------------------------------------------------------- actor page
  async function openActor(id, push = true) {
    state.actorPage = id;
    showTab("actor", false);
    if (push) pushURL();
    const box = $("#actor-page");
    try {
      const a = await api(`api/actors/${encodeURIComponent(id)}`);
      if (state.actorPage !== id) return;
      const link = (x) => el("button", { type: "button", class: "linkish actor-link", "data-actor": x.id, onclick: () => openActor(x.id) }, actorName(x.id, x.name));
      // The page's own answer carries both names: no wait for the actor list.
      const main = lang === "ar" ? (a.name_ar || actorName(a.id, a.name)) : a.name;
      const other = lang === "ar" ? a.name : a.name_ar;
      const weeks = Object.entries(a.by_week || {}).sort();
      box.replaceChildren(
        el("h2", { class: "actor-name" }, el("bdi", { text: main }),
          other ? el("small", {}, " — ", el("bdi", { text: other })) : null),
        el("p", { class: "meta" }, `${a.id} · ${t("n_events", a.events)}`, " ",
          el("button", { type: "button", class: "primary", id: "actor-show-events",
            onclick: () => { setFilter({ actor: [a.id] }); showTab("explore"); } }, t("show_events"))),
        el("h3", { text: t("hierarchy") }),
        el("p", {}, a.ancestors.length ? [t("parent_of"), ": ", a.ancestors.map(link).flatMap((x, i) => (i ? [" ← ", x] : [x]))] : t("none")),
        a.children.length ? el("p", {}, t("children"), ": ", a.children.map(link).flatMap((x, i) => (i ? ["، ", x] : [x]))) : null,
        el("h3", { text: t("aliases") }),
        el("p", { class: "aliases", lang: "ar", dir: "rtl" }, a.aliases.slice(0, 30).map((x) => el("span", { class: "chip alias" }, `${x.text} (${fmtNum(x.count)})`))),
        el("h3", { text: t("by_type") }),
        el("p", {}, Object.entries(a.by_type || {}).sort((p, q) => q[1] - p[1]).map(([ty, n]) => el("span", { class: "type-count" }, typeBadge(ty), ` ${fmtNum(n)} `))),
        el("h3", { text: t("events_of") }),
        miniTimeline(weeks),
        el("h3", { text: t("counterparts") }),
        el("table", { class: "counterparts" },
          el("thead", {}, el("tr", {}, el("th", { text: t("f_actor") }), el("th", { text: t("h_list") }),
            el("th", { text: t("cooperation") }), el("th", { text: t("conflict") }), el("th", { text: t("over_time") }), el("th", {}))),
          el("tbody", {}, a.interactions.slice().sort((p, q) => q.events - p.events).map((x) => el("tr", { "data-actor": x.actor },
            el("td", {}, link({ id: x.actor, name: x.name })), el("td", { class: "num", text: fmtNum(x.events) }),
            el("td", { class: "num", text: fmtNum(x.cooperation) }), el("td", { class: "num", text: fmtNum(x.conflict) }),
            el("td", {}, sparkline(x.by_week || {}, weeks)),
            el("td", {}, pairView ? el("button", { type: "button", class: "linkish pair-link",
              onclick: () => pairView(a.id, x.actor) }, t("pair")) : null))))));
      $("#tab-actor").textContent = actorName(a.id, a.name);
    } catch (e) {
      showError(e.message);
    }
  }

  // A counterpart's weekly events on the actor's own time axis.
  function sparkline(byWeek, actorWeeks) {
    const width = 160, height = 22;
    const box = el("span", { class: "sparkline" });
    if (!actorWeeks.length) return box;
    const t0 = parseDay(actorWeeks[0][0]), t1 = d3.utcMonday.offset(parseDay(actorWeeks[actorWeeks.length - 1][0]), 1);
    const x = d3.scaleUtc().domain([t0, t1]).range([0, width]);
    const entries = Object.entries(byWeek);
    const max = Math.max(1, ...entries.map((e) => e[1]));
    const svg = d3.select(box).append("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("width", width).attr("height", height)
      .attr("direction", "ltr").attr("role", "img")
      .attr("aria-label", entries.map(([w, n]) => `${fmtDay(w)}: ${fmtNum(n)}`).join("، "));
    svg.selectAll("rect").data(entries).join("rect")
      .attr("x", (e) => x(parseDay(e[0]))).attr("width", Math.max(2, x(d3.utcMonday.offset(t0, 1)) - x(t0)))
      .attr("y", (e) => height - (height - 2) * e[1] / max).attr("height", (e) => (height - 2) * e[1] / max)
      .attr("fill", "#5b7a99");
    svg.append("line").attr("x1", 0).attr("x2", width).attr("y1", height - 0.5).attr("y2", height - 0.5).attr("stroke", "#ccc");
    return box;
  }

  function miniTimeline(weeks) {
    const box = el("div", { class: "mini-timeline" });
    if (!weeks.length) { box.append(el("p", { class: "hint", text: t("none") })); return box; }
    const width = 900, height = 110, m = { l: 30, r: 10, t: 6, b: 22 };
    const dates = weeks.map(([w]) => parseDay(w));
    const t0 = d3.min(dates), t1 = d3.utcMonday.offset(d3.max(dates), 1);
    const x = d3.scaleUtc().domain([t0, t1]).range([m.l, width - m.r]);
    const y = d3.scaleLinear().domain([0, d3.max(weeks, (w) => w[1])]).nice().range([height - m.b, m.t]);
    const svg = d3.select(box).append("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("direction", "ltr");
    const bw = Math.max(1.5, x(d3.utcMonday.offset(t0, 1)) - x(t0) - 1);
    svg.selectAll("rect").data(weeks).join("rect").attr("class", "bar")
      .attr("x", (w) => x(parseDay(w[0]))).attr("width", bw).attr("y", (w) => y(w[1]))
      .attr("height", (w) => y(0) - y(w[1])).attr("fill", "#5b7a99")
      .append("title").text((w) => `${fmtDay(w[0])}: ${t("n_events", w[1])}`);
    svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - m.b})`)
      .call(d3.axisBottom(x).ticks(6).tickFormat((d) => fmtDay(isoDay(d), { month: "short", year: "numeric" })));
    return box;
  }

  // ---------------------------------------------------------------- article list
  let articlesSeq = 0;
  async function loadArticles(push = true) {
    const seq = ++articlesSeq;
    showTab("articles", false);
    if (push) pushURL();
    $("#articles-q").value = state.articlesQ;
    const p = new URLSearchParams({ limit: "50", offset: String(state.articlesOffset) });
    if (state.articlesQ) p.set("q", state.articlesQ);
    try {
      const res = await api(`api/documents?${p}`);
      if (seq !== articlesSeq) return;
      const tb = $("#article-list tbody");
      tb.replaceChildren(...res.documents.map((d) => el("tr", {
        class: "article-row", tabindex: 0, "data-doc-id": d.doc_id,
        onclick: () => openArticle(d.doc_id, null),
        onkeydown: (e) => {
          const tr = e.currentTarget;
          if (e.key === "Enter") openArticle(d.doc_id, null);
          else if (e.key === "ArrowDown" && tr.nextElementSibling) { e.preventDefault(); tr.nextElementSibling.focus(); }
          else if (e.key === "ArrowUp" && tr.previousElementSibling) { e.preventDefault(); tr.previousElementSibling.focus(); }
        },
      }, el("td", { text: d.pub_date ? fmtDay(d.pub_date) : t("none") }),
      el("td", { lang: "ar", dir: "rtl", class: "arabic-text", text: d.title || d.doc_id }),
      el("td", { text: d.source || t("none") }), el("td", { class: "num", text: fmtNum(d.events) }))));
      if (!res.documents.length) tb.append(el("tr", {}, el("td", { colspan: 4, class: "hint", text: t("no_events") })));
      const a = res.total ? res.offset + 1 : 0, b = res.offset + res.documents.length;
      $("#articles-page").textContent = t("page", a, b, res.total);
      $("#articles-count").textContent = t("n_articles", res.total);
      $("#articles-prev").disabled = res.offset <= 0;
      $("#articles-next").disabled = b >= res.total;
    } catch (e) {
      showError(e.message);
    }
  }

  // Issue 12's actor-pair view registers itself here (ui/relation.js).
  let pairView = null;

  // ---------------------------------------------------------------- paste box
  async function pasteSubmit() {
    const text = $("#paste-text").value;
    const pub = $("#paste-date").value;
    const btn = $("#paste-submit");
    btn.disabled = true;
    $("#paste-status").textContent = t("extracting");
    showError(null);
    try {
      const body = { text };
      if (pub) body.pub_date = pub;
      const res = await api("api/extract", {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
      });
      state.lastPaste = res;
      showPaste(res);
    } catch (e) {
      $("#paste-status").textContent = "";
      showError(e.message);
    } finally {
      btn.disabled = false;
    }
  }

  function showPaste(res) {
    const view = $("#paste-result");
    view.dataset.text = res.document.text;
    view._events = res.events;
    renderHighlighted(view, res.document.text, res.events, null);
    eventCards($("#paste-events"), res.events, null, view);
    $("#paste-diagnostics").replaceChildren(...(res.diagnostics || []).map((d) => el("li", { dir: "auto" }, d)));
    $("#paste-status").textContent = t("n_events", res.events.length);
  }

  // ---------------------------------------------------------------- refresh
  let refreshSeq = 0;
  // Starts every request the views need at once. The timeline's stats drop the
  // date filters (the brush shows them); without date filters they are the
  // same request as the header's.
  function fetchViews() {
    const q = filterParams();
    const stats = api(`api/stats?${q}`);
    const dated = state.filters.from || state.filters.to || state.filters.dated;
    const places = api(`api/places?${q}`);
    const all = Promise.all([
      api(`api/events?${filterParams({ sort: state.sort, limit: state.pageSize, offset: state.offset })}`),
      api(`api/events?${filterParams({ limit: 10000, view: "points" })}`),
      places,
      stats,
      dated ? api(`api/stats?${filterParams({}, ["from", "to", "dated"])}`) : stats,
      api(`api/graph?${filterParams({ top: GRAPH_TOP })}`),
    ]);
    all.catch(() => {}); // reported by refresh()
    return { all, places };
  }
  // The first load's requests, started before the map and the names are ready.
  let prefetched = null;

  async function refresh() {
    const seq = ++refreshSeq;
    showError(null);
    document.body.dataset.ready = "0";
    const pending = prefetched ? prefetched.all : fetchViews().all;
    prefetched = null;
    try {
      const [page, points, places, stats, timelineStats, graph] = await pending;
      if (seq !== refreshSeq) return;
      state.lastPage = page;
      state.districtOptions = (places.admin2 || []).slice().sort((a, b) => b.events - a.events);
      for (const d of places.admin2 || []) state.districts[d.pcode] = { en: d.name, ar: d.name_ar };
      drawChipFilters();
      drawCounts(stats);
      drawList(page);
      shadeGovernorates(places);
      drawEventPoints(points.events);
      const off = stats.events - (state.mapped || 0);
      $("#map-count").replaceChildren(t("on_map", state.mapped || 0, placeGroups.length),
        off ? ` · ${t("not_on_map", off)}` : "");
      drawTimeline(timelineStats);
      drawGraph(graph, state.actors.filter((a) => a.events > 0).length);
      if (page.total === 0) clearPanel();
      document.body.dataset.ready = "1";
      document.body.dataset.events = String(page.total);
      if (!performance.getEntriesByName("rasd-data-ready").length) performance.mark("rasd-data-ready");
    } catch (e) {
      if (seq === refreshSeq) { showError(e.message); document.body.dataset.ready = "error"; }
    }
  }

  // Applies the URL to the page (start, Back/Forward).
  async function applyURL() {
    urlToState();
    applyLang();
    writeFilters();
    showTab(state.tab, false);
    if (state.tab === "explore") zoomToFilter();
    const loads = [refresh()];
    if (state.selectedEvent) loads.push(openEvent(state.selectedEvent, false)); else clearPanel();
    if (state.article && state.tab === "article") loads.push(openArticle(state.article.docId, state.article.eventId, false));
    if (state.actorPage && state.tab === "actor") loads.push(openActor(state.actorPage, false));
    if (state.tab === "articles") loads.push(loadArticles(false));
    await Promise.all(loads);
  }

  async function copyLink() {
    const url = location.href;
    try {
      await navigator.clipboard.writeText(url);
      $("#copy-link").textContent = t("copied");
      setTimeout(() => { $("#copy-link").textContent = t("copy_link"); }, 1500);
    } catch (_) {
      window.prompt(t("copy_failed"), url);
    }
  }

  // ---------------------------------------------------------------- start
  async function start() {
    document.body.dataset.ready = "0";
    urlToState();
    applyLang();
    $("#filters").addEventListener("submit", (e) => e.preventDefault());
    $("#lang-toggle").addEventListener("click", () => {
      lang = lang === "ar" ? "en" : "ar";
      localStorage.setItem("rasd.lang", lang);
      applyLang();
      writeFilters();
      drawBaseLayer();
      pushURL(true);
      refresh();
      if (state.selectedEvent) openEvent(state.selectedEvent, false); else clearPanel();
      if (state.article) openArticle(state.article.docId, state.article.eventId, false).then(() => showTab(state.tab, false));
      if (state.actorPage) openActor(state.actorPage, false).then(() => showTab(state.tab, false));
      if (state.tab === "articles") loadArticles(false);
      if (state.lastPaste) showPaste(state.lastPaste);
      showTab(state.tab, false);
    });
    $("#copy-link").addEventListener("click", copyLink);
    $("#about-open").addEventListener("click", () => $("#about").showModal());
    $("#panel-close").addEventListener("click", () => { clearPanel(); pushURL(); });
    document.querySelectorAll("#tabs button").forEach((b) => b.addEventListener("click", () => {
      const tab = b.dataset.tab;
      if (tab === "actor" && state.actorPage) openActor(state.actorPage);
      else if (tab === "article" && state.article) openArticle(state.article.docId, state.article.eventId);
      else if (tab === "articles") loadArticles();
      else showTab(tab);
    }));
    for (const k of ["from", "to", "hedged", "located", "dated", "min_confidence"]) {
      $(`#filter-${k}`).addEventListener("change", (e) => setFilter({ [k]: e.target.value }));
    }
    for (const key of LIST_KEYS) {
      $(`#filter-${key}`).addEventListener("change", (e) => {
        const v = e.target.value;
        if (v && !state.filters[key].includes(v)) setFilter({ [key]: state.filters[key].concat([v]) });
      });
    }
    let qTimer = null;
    $("#filter-q").addEventListener("input", (e) => {
      clearTimeout(qTimer);
      qTimer = setTimeout(() => setFilter({ q: e.target.value.trim() }), 350);
    });
    $("#filter-reset").addEventListener("click", () => setFilter(emptyFilters()));
    $("#sort").addEventListener("change", (e) => { state.sort = e.target.value; state.offset = 0; pushURL(); refresh(); });
    $("#page-prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.pageSize); pushURL(); refresh(); });
    $("#page-next").addEventListener("click", () => { state.offset += state.pageSize; pushURL(); refresh(); });
    $("#paste-submit").addEventListener("click", pasteSubmit);
    let aqTimer = null;
    $("#articles-q").addEventListener("input", (e) => {
      clearTimeout(aqTimer);
      aqTimer = setTimeout(() => { state.articlesQ = e.target.value.trim(); state.articlesOffset = 0; loadArticles(); }, 350);
    });
    $("#articles-prev").addEventListener("click", () => { state.articlesOffset = Math.max(0, state.articlesOffset - 50); loadArticles(); });
    $("#articles-next").addEventListener("click", () => { state.articlesOffset += 50; loadArticles(); });
    window.addEventListener("popstate", () => { applyURL(); });

    prefetched = fetchViews();
    try {
      // Any places answer carries the gazetteer: the first view's serves both.
      const [a1, a2, actors, places] = await Promise.all([
        api("geo/admin1.geojson"), api("geo/admin2.geojson").catch(() => null), api("api/actors"),
        prefetched.places.catch(() => api("api/places")), // a bad filter in the URL is reported by refresh()
      ]);
      state.admin1 = a1;
      state.admin2 = a2;
      state.gazetteer = places.gazetteer;
      // Names and centroids from the gazetteer (the boundary file's Arabic
      // names lack hamzas and ta marbutas).
      for (const g of places.gazetteer.governorates) {
        state.governorates[g.pcode] = { en: g.name_en, ar: g.name_ar, lat: g.lat, lon: g.lon };
      }
      state.actors = actors.actors || [];
      for (const a of state.actors) state.actorInfo[a.id] = a;
      initMap();
    } catch (e) {
      showError(e.message);
      return;
    }
    await applyURL();
    pushURL(true);
  }

  // A small surface for the views other files add (ui/relation.js, issue 12).
  window.rasd = {
    api, el, t, fmtDay, fmtNum, typeBadge, actorName, openEvent, openArticle, openActor, showTab,
    get lang() { return lang; },
    registerPairView(open) { pairView = open; if (state.actorPage && state.tab === "actor") openActor(state.actorPage, false); },
  };

  document.addEventListener("DOMContentLoaded", start);
})();
