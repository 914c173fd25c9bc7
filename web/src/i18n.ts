// Console texts in English and zh-CN (terms from docs/GLOSSARY.md), and the remembered language.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { IMPORT_TEXTS } from './texts/import';
import { SEGMENTS_TEXTS } from './texts/segments';
import { SETTINGS_TEXTS } from './texts/settings';

export type Lang = 'zh-CN' | 'en';
const STORAGE_KEY = 'tend.lang';

/** key: [English, 中文] */
const TEXTS = {
  'app.name': ['Tend', 'Tend'],
  'app.tagline': ['Existing-customer operations', '存量客户运营'],
  'nav.overview': ['Overview', '运营看板'],
  'nav.rfm': ['RFM', 'RFM 分析'],
  'nav.lifecycle': ['Lifecycle', '生命周期'],
  'nav.retention': ['Retention cohorts', '留存同期群'],
  'nav.value': ['Value (CLV)', '价值评估'],
  'nav.churn': ['Churn early warning', '流失预警'],
  'nav.customers': ['Customer 360', '客户360视图'],
  'nav.segments': ['Segments', '人群'],
  'nav.health': ['Data health', '数据健康'],
  'nav.import': ['Import data', '数据导入'],
  'nav.settings': ['Settings', '系统设置'],
  'common.language': ['Language', '语言'],
  'common.logout': ['Sign out', '退出登录'],
  'common.loading': ['Loading…', '加载中…'],
  'common.error': ['Something went wrong', '出错了'],
  'common.retry': ['Retry', '重试'],
  'common.customers': ['Customers', '客户数'],
  'common.customer': ['Customer', '客户'],
  'common.share': ['Share', '占比'],
  'common.revenue': ['Revenue', '销售额'],
  'common.revenueShare': ['Revenue share', '销售额占比'],
  'common.asOf': ['Scores as of {{day}}', '评分日期：{{day}}'],
  'common.noScores': ['No scores yet: run `tend score`.', '暂无评分：请先运行 `tend score`。'],
  'common.name': ['Name', '姓名'],
  'common.city': ['City', '城市'],
  'common.channel': ['Acquisition channel', '获客渠道'],
  'common.tier': ['Value tier', '价值分层'],
  'common.stage': ['Lifecycle stage', '生命周期阶段'],
  'common.rfmGroup': ['RFM group', 'RFM 分组'],
  'common.open': ['Open', '查看'],
  'common.save': ['Save', '保存'],
  'common.cancel': ['Cancel', '取消'],
  'common.all': ['All', '全部'],
  'common.none': ['None', '无'],
  'common.unknown': ['Unknown', '未知'],
  'common.month': ['Month', '月份'],
  'common.total': ['{{n}} in total', '共 {{n}} 条'],
  'login.title': ['Sign in to Tend', '登录 Tend'],
  'login.email': ['Email', '邮箱'],
  'login.password': ['Password', '密码'],
  'login.submit': ['Sign in', '登录'],
  'login.demo': ['Demo login', '演示账号'],
  'login.useDemo': ['Use the demo login', '使用演示账号'],
  'login.failed': ['Wrong email or password', '邮箱或密码错误'],
  'overview.title': ['Operations overview', '运营看板'],
  'overview.customers': ['Customers', '客户总数'],
  'overview.active': ['Active customers (365 days)', '活跃客户（近365天）'],
  'overview.repurchase': ['Repurchase rate', '复购率'],
  'overview.repurchaseHint': ['buyers with 2+ orders', '购买2次及以上的客户占比'],
  'overview.predictedClv': ['Predicted CLV (12 months)', '预测客户终身价值（12个月）'],
  'overview.atRisk': ['At churn risk (≥ {{n}})', '流失风险客户（≥{{n}}）'],
  'overview.valueAtStake': ['Value at stake', '风险金额'],
  'overview.nps': ['NPS (365 days)', '净推荐值 NPS（近365天）'],
  'overview.npsHint': ['{{n}} answers', '{{n}} 份回答'],
  'overview.returningRevenue': ['Revenue from returning customers', '老客销售额'],
  'overview.newRevenue': ['Revenue from new customers', '新客销售额'],
  'overview.byTier': ['Customers by value tier', '客户分层'],
  'overview.byStage': ['Customers by lifecycle stage', '生命周期分布'],
  'overview.trend': ['Repurchase rate and revenue by month', '月度复购率与销售额'],
  'overview.monthRate': ['Monthly repurchase rate', '月复购率'],
  'rfm.title': ['RFM (recency, frequency, monetary)', 'RFM（最近购买时间、购买频率、消费金额）'],
  'rfm.grid': ['R x F grid', 'R × F 矩阵'],
  'rfm.r': ['R score (recency)', 'R 分（最近购买时间）'],
  'rfm.f': ['F score (frequency)', 'F 分（购买频率）'],
  'rfm.metric.customers': ['Customers', '客户数'],
  'rfm.metric.monetary': ['Spend', '消费金额'],
  'rfm.groups': ['RFM groups', 'RFM 分组'],
  'rfm.select': ['Build a segment', '圈选人群'],
  'lifecycle.title': ['Lifecycle stages', '客户分阶段 / 生命周期'],
  'lifecycle.distribution': ['Customers by stage', '各阶段客户'],
  'lifecycle.migration': ['Migration between scoring days', '客户迁移 / 流转'],
  'lifecycle.from': ['From', '起始日期'],
  'lifecycle.to': ['To', '结束日期'],
  'lifecycle.by': ['By', '维度'],
  'lifecycle.by.stage': ['Lifecycle stage', '生命周期阶段'],
  'lifecycle.by.tier': ['Value tier', '价值分层'],
  'lifecycle.by.rfm': ['RFM group', 'RFM 分组'],
  'lifecycle.oneSnapshot': ['Only one scoring day on record: score another day (`tend score --as-of YYYY-MM-DD`) to see migration.', '仅有一个评分日：请为另一日期评分（`tend score --as-of YYYY-MM-DD`）以查看迁移。'],
  'lifecycle.moveFrom': ['Moved from', '迁出'],
  'lifecycle.moveTo': ['Moved to', '迁入'],
  'lifecycle.moves': ['Largest movements', '主要流转'],
  'lifecycle.predicted': ['Predicted CLV', '预测 CLV'],
  'retention.title': ['Retention cohorts', '留存同期群'],
  'retention.cohort': ['First-order month', '首购月份'],
  'retention.size': ['Cohort size', '同期群人数'],
  'retention.monthN': ['Month {{n}}', '第 {{n}} 月'],
  'retention.show': ['Show', '显示'],
  'retention.rate': ['Retention %', '留存率'],
  'retention.customers': ['Customers', '客户数'],
  'retention.revenue': ['Revenue', '销售额'],
  'retention.months': ['Months', '月数'],
  'value.title': ['Customer lifetime value (CLV)', '客户终身价值 (CLV)'],
  'value.histogram': ['CLV distribution', 'CLV 分布'],
  'value.predicted': ['Predicted', '预测'],
  'value.historical': ['Historical', '历史'],
  'value.mean': ['Mean', '平均值'],
  'value.median': ['Median', '中位数'],
  'value.total': ['Total', '合计'],
  'value.channels': ['CLV:CAC by acquisition channel', '各获客渠道 CLV:CAC'],
  'value.cac': ['Acquisition cost (CAC)', '获客成本 (CAC)'],
  'value.hist': ['Historical CLV (avg)', '历史 CLV（均值）'],
  'value.pred': ['Predicted CLV (avg)', '预测 CLV（均值）'],
  'value.ratio': ['CLV:CAC', 'CLV:CAC'],
  'value.top': ['Top customers', '高价值客户排行'],
  'value.spend365': ['Spend (365 days)', '近365天消费'],
  'value.orders': ['Orders', '订单数'],
  'value.pAlive': ['Probability alive', '存活概率'],
  'churn.title': ['Churn early warning', '流失预警'],
  'churn.minRisk': ['Churn risk at least', '流失风险不低于'],
  'churn.risk': ['Churn risk', '流失风险'],
  'churn.reasons': ['Reasons', '原因'],
  'churn.expectedLoss': ['Expected lost value', '预计流失金额'],
  'churn.recency': ['Days since last order', '距上次购买天数'],
  'churn.save': ['Save as segment', '保存为人群'],
  'churn.saved': ['Segment "{{name}}" saved with {{n}} customers', '已保存人群“{{name}}”，共 {{n}} 位客户'],
  'churn.segmentName': ['Segment name', '人群名称'],
  'churn.summary': ['{{n}} customers at risk, expected lost value {{loss}}', '{{n}} 位风险客户，预计流失金额 {{loss}}'],
  'churn.winBack': ['Win-back candidates', '挽回对象'],
  'customers.title': ['Customer 360', '客户360视图'],
  'customers.search': ['Name, email, phone or customer id', '姓名、邮箱、手机号或客户编号'],
  'customers.signup': ['Signed up', '注册时间'],
  'customer.profile': ['Profile', '客户画像'],
  'customer.identities': ['Identities (OneID)', '身份识别与合并 (OneID)'],
  'customer.merges': ['Merges', '合并记录'],
  'customer.tags': ['Tags', '标签'],
  'customer.scores': ['Scores', '评分'],
  'customer.timeline': ['Timeline', '时间线'],
  'customer.kind': ['Kind', '类型'],
  'customer.value': ['Value', '值'],
  'customer.source': ['Source', '来源'],
  'customer.at': ['Time', '时间'],
  'customer.orders': ['Orders', '订单'],
  'customer.paidValue': ['Paid value', '已付金额'],
  'customer.noScores': ['Not scored yet', '尚未评分'],
  'customer.gender': ['Gender', '性别'],
  'customer.birthday': ['Birthday', '生日'],
  'customer.province': ['Province', '省份'],
  'customer.consent': ['Consent', '授权同意'],
  'customer.tagGroup.basic': ['basic', '基础标签'],
  'customer.tagGroup.behaviour': ['behaviour', '行为标签'],
  'customer.tagGroup.need': ['need', '需求标签'],
  'customer.kind.order': ['Order', '订单'],
  'customer.kind.event': ['Event', '行为'],
  'customer.kind.feedback': ['Feedback', '反馈'],
  'customer.history': ['Score history', '评分历史'],
  'customer.noMerges': ['No merges', '无合并记录'],
  'health.title': ['Data health', '数据健康'],
  'health.table': ['Table', '数据表'],
  'health.rows': ['Rows', '行数'],
  'health.ranges': ['Date ranges', '时间范围'],
  'health.first': ['First', '最早'],
  'health.last': ['Last', '最新'],
  'health.lastImport': ['Last import', '最近导入'],
  'health.noImport': ['No imports yet', '暂无导入'],
  'health.imported': ['Imported', '导入'],
  'health.rejected': ['Rejected', '拒绝'],
  'health.engine': ['Engine', '数据库引擎'],
  'health.live': ['Live customers', '有效客户'],
  'health.merged': ['Merged customers', '已合并客户'],
  'health.scored': ['Last scoring', '最近评分'],
  'health.scoredCustomers': ['Customers scored', '已评分客户'],
} as const satisfies Record<string, readonly [string, string]>;

export type TextKey = keyof typeof TEXTS;

// Each page family keeps its texts in web/src/texts/; a key defined twice is a mistake.
const ALL_TEXTS: Record<string, readonly [string, string]> = { ...TEXTS, ...IMPORT_TEXTS, ...SEGMENTS_TEXTS, ...SETTINGS_TEXTS };

function resources(i: 0 | 1): Record<string, string> {
  return Object.fromEntries(Object.entries(ALL_TEXTS).map(([k, v]) => [k, v[i]]));
}

export function savedLang(): Lang {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (v === 'en' || v === 'zh-CN') return v;
  } catch {
    // storage may be unavailable
  }
  return 'zh-CN';
}

export function saveLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore
  }
  void i18next.changeLanguage(lang);
  globalThis.document.documentElement.lang = lang;
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: resources(0) }, 'zh-CN': { translation: resources(1) } },
  lng: savedLang(),
  fallbackLng: 'en',
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
});
globalThis.document.documentElement.lang = savedLang();

export default i18next;
