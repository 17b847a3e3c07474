// i18n.js: English and Chinese labels. Elements carry data-i18n="key"; the
// English text in index.html is the fallback.

const zh = {
  tagline: "投入产出经济学与面板计量，完全在浏览器中运行：数据不会离开本机。",
  loading: "正在加载计算引擎…",
  ready: "就绪",
  data: "1. 数据",
  data_hint: "将 CSV、CSV.gz 或 XLSX 文件拖到此处（WIOD 世界表、国家表、SEA、面板数据……），或打开示例数据一次体验全部功能。",
  drop: "将文件拖到此处，或",
  choose: "选择文件",
  open_demo: "打开示例数据",
  name: "名称", rows: "行数", columns: "列数", size: "存储大小", source: "来源",
  no_tables: "尚无数据表。",
  preview: "预览",
  remove: "删除",
  clear: "清除全部数据",
  clear_hint: "从本浏览器中删除所有已存储的数据表和结果。",
  clear_confirm: "确定删除本浏览器中存储的全部数据表和结果吗？",
  analyse: "2. 分析",
  tab_replicate: "复现论文",
  tab_io: "投入产出",
  tab_panel: "面板",
  tab_reg: "模型",
  tab_gmm: "动态面板 (GMM)",
  tab_malmquist: "DEA–Malmquist",
  replicate_hint: "运行论文的全部表格（基准、工具变量、GMM、稳健性、异质性、机制），使用示例数据或您的 WIOD、SEA 和宏观数据表。",
  use_demo: "使用示例数据",
  own_data: "您的数据",
  wiot_tables: "WIOT 表",
  macro: "宏观",
  run: "运行",
  io_hint: "由世界投入产出表计算各行业的数字依赖度（里昂惕夫逆矩阵，论文式 2–4、7）。",
  sectors: "数字部门",
  tick_codes: "勾选行业代码…",
  all_industries: "全部行业（不只制造业）",
  panel_hint: "构建 国家 × 行业 × 年份 面板（Dig、Var、scale、cl、Allocation、Ser、宏观控制变量、工具变量）并存为数据表。",
  table: "数据表",
  formula: "公式",
  formula_hint: "fixest 语法：y ~ x1 + x2 | fe1 + fe2（固定效应），fe1^fe2（交互），| d ~ z1 + z2（工具变量），L.x / D.x（滞后，需设定面板）。",
  panel_vars: "面板 (个体,时间)",
  vcov: "方差",
  cluster1: "聚类",
  cluster2: "双向聚类",
  winsor: "缩尾",
  sample: "样本 (if)",
  show: "括号内",
  tstat: "t 统计量",
  se: "标准误",
  depvar: "被解释变量",
  regressors: "解释变量",
  gmm_inst: "GMM 工具变量",
  iv_inst: "IV 工具变量",
  nolevel: "差分 GMM（无水平方程）",
  twostep: "两步法",
  robust: "稳健 (Windmeijer)",
  collapse: "压缩工具变量",
  timedummies: "时间虚拟变量",
  time: "时间",
  inputs: "投入",
  outputs: "产出",
  group: "前沿分组",
  orientation: "导向",
  results: "3. 结果",
  export: "复制或下载：",
  as_file: "下载为文件",
  share: "复制本次运行的链接",
  copied: "已复制",
  stars: "* p < 0.10, ** p < 0.05, *** p < 0.01。",
  footer: "首次访问后可离线使用。脚本调用：",
  embed: "嵌入结果",
  working: "计算中…",
  done: "完成",
  truth: "真实系数（示例数据生成过程）",
  dig_plot: "各技术组 Dig 随时间变化",
  coef_plot: "各列系数及 95% 置信区间",
  variable: "变量",
  imported: "已导入",
  need_tables: "此链接需要以下数据表，请先导入：",
  showing_rows: "显示前 {n} 行，共 {total} 行（下载可得全部）",
  storage_memory: "（本浏览器无 IndexedDB：数据仅保存在本页）",
};

const STRINGS = { zh };
let current = "en";
const english = new Map(); // key -> English text from the page

export function lang() { return current; }

// t returns the label for key in the current language; vars fill {name}.
export function t(key, vars = {}) {
  let s = (current !== "en" && STRINGS[current] && STRINGS[current][key]) || english.get(key) || EN[key] || key;
  for (const [k, v] of Object.entries(vars)) s = s.replace("{" + k + "}", String(v));
  return s;
}

// English strings used only from scripts.
const EN = {
  ready: "Ready",
  remove: "remove",
  clear_confirm: "Delete every table and result stored in this browser?",
  copied: "copied",
  working: "Working…",
  done: "Done",
  truth: "True coefficients (demo data-generating process)",
  dig_plot: "Dig over time by tech group",
  coef_plot: "Coefficient and 95% interval by column",
  variable: "variable",
  imported: "imported",
  need_tables: "This link needs these tables; import them first:",
  showing_rows: "showing the first {n} of {total} rows (downloads have all)",
  storage_memory: "(no IndexedDB in this browser: data lives only as long as the page)",
};

export function setLang(l, root = document) {
  current = STRINGS[l] ? l : "en";
  document.documentElement.lang = current === "zh" ? "zh-CN" : "en";
  for (const e of root.querySelectorAll("[data-i18n]")) {
    const key = e.dataset.i18n;
    if (!english.has(key)) english.set(key, e.textContent);
    e.textContent = t(key);
  }
  try { localStorage.setItem("wiodlab-lang", current); } catch (e) { /* private mode */ }
}

export function initialLang() {
  try {
    const saved = localStorage.getItem("wiodlab-lang");
    if (saved) return saved;
  } catch (e) { /* private mode */ }
  return (navigator.language || "").toLowerCase().startsWith("zh") ? "zh" : "en";
}
