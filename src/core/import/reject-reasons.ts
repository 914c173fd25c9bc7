// Why a row was rejected, in Chinese for the console: the importer writes its reasons in
// English (rejects files are read by tools as much as people); operators reading zh-CN see them
// here. Exact reasons first, then the ones that carry details after a known beginning.
const EXACT: Readonly<Record<string, string>> = {
  'missing required field': '缺少必填字段',
  'not a valid email address': '邮箱格式不正确',
  'not a valid phone number': '手机号格式不正确',
  'not a number': '不是有效的数字',
  'not a whole number': '不是整数',
  'unparseable date/time': '无法识别的日期时间',
  'unparseable date': '无法识别的日期',
  'not a yes/no value (true/false, 1/0, 是/否)': '不是是/否值（true/false、1/0、是/否）',
  'not a JSON object': '不是 JSON 对象',
  'unknown gender (male/female/unknown, 男/女)': '无法识别的性别（male/female/unknown、男/女）',
  'unknown order status (paid/refunded/cancelled)': '无法识别的订单状态（paid/refunded/cancelled）',
  'unknown feedback type (nps/csat/complaint/comment)': '无法识别的反馈类型（nps/csat/complaint/comment）',
  'not a currency code': '不是有效的币种代码',
  'negative total': '实付金额为负数',
  'negative discount': '优惠金额为负数',
  'quantity must be positive': '数量必须大于 0',
  'negative unit price': '单价为负数',
  'negative amount': '金额为负数',
  'needs amount or unit_price': '需要金额或单价',
  'negative price': '价格为负数',
  'no customer identifier or anonymous_id': '缺少客户标识或匿名 ID',
  'NPS needs a score 0-10': 'NPS 需要 0-10 分',
  'NPS score must be 0-10': 'NPS 分数必须在 0-10 之间',
  'CSAT needs a score 1-5': 'CSAT 需要 1-5 分',
  'CSAT score must be 1-5': 'CSAT 分数必须在 1-5 之间',
  'platform ids must be written platform:id, separated by |': '平台 ID 须写作 平台:ID，多个以 | 分隔',
  'unknown order_id (import its order first)': '未知的订单号（请先导入订单）',
  'unknown sku (not in products)': '未知的商品编码（商品表中没有）',
};

/** Reasons with details after a fixed beginning; DuckDB's own parse errors are among them. */
const PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['no customer identifier', '缺少客户标识'],
  ['too many columns', '列数过多'],
  ['missing columns', '列数不足'],
  ['unquoted value', '引号使用不规范'],
  ['invalid unicode', '包含无效的字符编码'],
  ['line size over maximum', '单行过长'],
  ['cast', '类型转换失败'],
];

export function rejectReasonZh(reason: string): string {
  const exact = EXACT[reason];
  if (exact !== undefined) return exact;
  for (const [en, zh] of PREFIXES) {
    if (reason.startsWith(en)) return `${zh}${reason.slice(en.length).replace(/^:\s*/, '：').replace(/^ \(/, '（').replace(/\)$/, '）')}`;
  }
  return reason;
}
