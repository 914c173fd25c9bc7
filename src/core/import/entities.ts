// What each importable file holds: canonical field names, their types, and the header aliases
// (English and the Chinese headers business exports use) that map onto them automatically.
import type { BuiltinIdentityKind } from '../identity/normalize.js';

export const ENTITY_NAMES = ['customers', 'products', 'orders', 'order-items', 'events', 'feedback'] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

export type FieldType =
  | 'id'
  | 'text'
  | 'email'
  | 'phone'
  | 'money'
  | 'int'
  | 'timestamp'
  | 'date'
  | 'bool'
  | 'json'
  | 'gender'
  | 'order_status'
  | 'feedback_type'
  | 'currency'
  | 'id_list';

export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly required?: boolean;
  /** This field names the customer: it takes part in identity resolution. */
  readonly identity?: BuiltinIdentityKind;
  readonly aliases: readonly string[];
  readonly doc: string;
}

export interface EntitySpec {
  readonly name: EntityName;
  readonly fields: readonly FieldSpec[];
  /** Natural key: a second row with the same key is a duplicate, never a second record. */
  readonly key: readonly string[];
  /** Rows must name a customer by at least one identity field. */
  readonly needsCustomer: boolean;
  /** Columns that match no field become custom attributes (customers) instead of being ignored. */
  readonly extraColumnsToAttributes: boolean;
}

const customerRef: readonly FieldSpec[] = [
  { name: 'customer_id', type: 'id', identity: 'external_id', doc: 'your customer id (CRM, shop, ERP)',
    aliases: ['客户编号', '客户id', '客户ID', '客户代码', '用户id', '用户ID', '用户编号', '会员id', '会员ID', 'user_id', 'userid', 'customer', 'cust_id', 'client_id', 'buyer_id', '买家id'] },
  { name: 'email', type: 'email', identity: 'email', doc: 'email address (trimmed, lower-cased)',
    aliases: ['邮箱', '电子邮箱', '邮件', '邮箱地址', 'e-mail', 'mail', 'email_address'] },
  { name: 'phone', type: 'phone', identity: 'phone', doc: 'phone, normalised to E.164 (+86 default)',
    aliases: ['手机号', '手机', '手机号码', '电话', '联系电话', '联系方式', 'mobile', 'phone_number', 'tel', 'cellphone', 'mobile_phone'] },
  { name: 'member_no', type: 'id', identity: 'member_no', doc: 'membership number',
    aliases: ['会员号', '会员卡号', '会员编号', '卡号', 'member_id', 'membership_no', 'card_no'] },
];

const wechat: readonly FieldSpec[] = [
  { name: 'wechat_openid', type: 'id', identity: 'wechat_openid', doc: 'WeChat openid', aliases: ['openid', '微信openid', 'open_id'] },
  { name: 'wechat_unionid', type: 'id', identity: 'wechat_unionid', doc: 'WeChat unionid', aliases: ['unionid', '微信unionid', 'union_id'] },
];

export const ENTITIES: Readonly<Record<EntityName, EntitySpec>> = {
  customers: {
    name: 'customers',
    key: [],
    needsCustomer: true,
    extraColumnsToAttributes: true,
    fields: [
      ...customerRef,
      ...wechat,
      { name: 'platform_ids', type: 'id_list', doc: 'other platforms\' ids as `platform:id` separated by `|`, e.g. `taobao:tb123|jd:jd9`', aliases: ['平台id', '平台ID', '平台账号'] },
      { name: 'name', type: 'text', doc: 'full name', aliases: ['姓名', '客户姓名', '名字', '客户名称', '会员姓名', 'full_name', 'customer_name'] },
      { name: 'gender', type: 'gender', doc: 'male / female / unknown (男 / 女 accepted)', aliases: ['性别', 'sex'] },
      { name: 'birthday', type: 'date', doc: 'date of birth', aliases: ['生日', '出生日期', 'birth_date', 'date_of_birth', 'dob', 'birthdate'] },
      { name: 'city', type: 'text', doc: 'city', aliases: ['城市', '所在城市', '市'] },
      { name: 'province', type: 'text', doc: 'province or state', aliases: ['省份', '省', '所在省份', 'state', 'region'] },
      { name: 'country', type: 'text', doc: 'country (ISO code preferred)', aliases: ['国家', '国家/地区'] },
      { name: 'signup_at', type: 'timestamp', doc: 'when the customer signed up', aliases: ['注册时间', '注册日期', '开卡时间', '入会时间', 'signup_date', 'registered_at', 'join_date', 'created_at'] },
      { name: 'acquisition_channel', type: 'text', doc: 'where the customer came from', aliases: ['来源渠道', '获客渠道', '渠道', '注册渠道', '来源', 'source', 'channel', 'utm_source'] },
      { name: 'acquisition_cost', type: 'money', doc: 'what acquiring the customer cost (CAC)', aliases: ['获客成本', 'cac', 'acquisition_cost_cny'] },
      { name: 'consent_email', type: 'bool', doc: 'may receive email', aliases: ['允许邮件', '邮件授权', 'email_opt_in'] },
      { name: 'consent_sms', type: 'bool', doc: 'may receive SMS', aliases: ['允许短信', '短信授权', 'sms_opt_in'] },
      { name: 'consent_wechat', type: 'bool', doc: 'may receive WeChat messages', aliases: ['允许微信', '微信授权', 'wechat_opt_in'] },
      { name: 'attributes', type: 'json', doc: 'custom attributes as a JSON object', aliases: ['自定义属性', 'traits', 'custom_attributes'] },
    ],
  },
  products: {
    name: 'products',
    key: ['sku'],
    needsCustomer: false,
    extraColumnsToAttributes: false,
    fields: [
      { name: 'sku', type: 'id', required: true, doc: 'product code', aliases: ['商品编码', '商品id', '商品ID', '商品编号', 'sku编码', '货号', 'product_id', 'item_id', 'product_code'] },
      { name: 'name', type: 'text', doc: 'product name', aliases: ['商品名称', '品名', '商品名', 'product_name', 'title'] },
      { name: 'category', type: 'text', doc: 'category path, levels separated by `/` (e.g. 美妆/口红)', aliases: ['类目', '商品类目', '品类', '分类', '商品分类', 'category_path'] },
      { name: 'brand', type: 'text', doc: 'brand', aliases: ['品牌', '品牌名称'] },
      { name: 'price', type: 'money', doc: 'list price', aliases: ['价格', '售价', '单价', '零售价', 'list_price', 'unit_price'] },
    ],
  },
  orders: {
    name: 'orders',
    key: ['order_id'],
    needsCustomer: true,
    extraColumnsToAttributes: false,
    fields: [
      { name: 'order_id', type: 'id', required: true, doc: 'order number', aliases: ['订单号', '订单编号', '订单id', '订单ID', 'order_no', 'order_number', 'orderid'] },
      ...customerRef,
      { name: 'ordered_at', type: 'timestamp', required: true, doc: 'when the order was placed', aliases: ['下单时间', '订单时间', '下单日期', '支付时间', '付款时间', '成交时间', 'order_date', 'order_time', 'created_at', 'date', 'purchase_date'] },
      { name: 'channel', type: 'text', doc: 'sales channel or platform', aliases: ['渠道', '销售渠道', '平台', '来源平台', 'platform'] },
      { name: 'store', type: 'text', doc: 'store or shop', aliases: ['门店', '店铺', '店铺名称', '门店名称', 'shop', 'store_name'] },
      { name: 'status', type: 'order_status', doc: 'paid (default) / refunded / cancelled', aliases: ['订单状态', '状态', 'order_status'] },
      { name: 'total', type: 'money', required: true, doc: 'amount paid, after discount', aliases: ['实付金额', '订单金额', '支付金额', '实收金额', '付款金额', '成交金额', 'amount', 'total_amount', 'paid_amount', 'order_total', 'revenue'] },
      { name: 'discount', type: 'money', doc: 'discount given (default 0)', aliases: ['优惠金额', '折扣金额', '优惠', '折扣', 'discount_amount'] },
      { name: 'currency', type: 'currency', doc: 'ISO currency code (default CNY)', aliases: ['币种', '货币', '币别'] },
    ],
  },
  'order-items': {
    name: 'order-items',
    key: ['order_id', 'sku'],
    needsCustomer: false,
    extraColumnsToAttributes: false,
    fields: [
      { name: 'order_id', type: 'id', required: true, doc: 'order number', aliases: ['订单号', '订单编号', '订单id', '订单ID', 'order_no', 'order_number', 'orderid'] },
      { name: 'sku', type: 'id', required: true, doc: 'product code', aliases: ['商品编码', '商品id', '商品ID', '商品编号', 'sku编码', '货号', 'product_id', 'item_id', 'product_code'] },
      { name: 'quantity', type: 'int', required: true, doc: 'units (> 0)', aliases: ['数量', '购买数量', '件数', 'qty', 'count'] },
      { name: 'unit_price', type: 'money', doc: 'price per unit', aliases: ['单价', '成交单价', '成交价', 'price'] },
      { name: 'amount', type: 'money', doc: 'line amount (default quantity x unit price)', aliases: ['金额', '小计', '行金额', '商品金额', 'line_amount', 'subtotal', 'line_total'] },
    ],
  },
  events: {
    name: 'events',
    key: ['message_id'],
    needsCustomer: false,
    extraColumnsToAttributes: false,
    fields: [
      { name: 'message_id', type: 'id', doc: 'unique id of the event (derived from its content when absent)', aliases: ['消息id', '消息ID', 'messageid', 'event_id', '事件id', '事件ID'] },
      ...customerRef,
      { name: 'anonymous_id', type: 'id', identity: 'anonymous_id', doc: 'device or cookie id before login', aliases: ['匿名id', '匿名ID', 'anonymousid', 'device_id', '设备id', '设备ID', 'cookie_id'] },
      { name: 'event', type: 'id', required: true, doc: 'event name, e.g. product_view', aliases: ['事件', '事件名', '事件名称', '行为', 'event_name', 'name', 'action'] },
      { name: 'occurred_at', type: 'timestamp', required: true, doc: 'when it happened', aliases: ['时间', '发生时间', '事件时间', '行为时间', 'timestamp', 'time', 'event_time'] },
      { name: 'properties', type: 'json', doc: 'event properties as a JSON object', aliases: ['属性', '事件属性', 'props', 'event_properties'] },
    ],
  },
  feedback: {
    name: 'feedback',
    key: ['feedback_id'],
    needsCustomer: true,
    extraColumnsToAttributes: false,
    fields: [
      { name: 'feedback_id', type: 'id', doc: 'unique id (derived from its content when absent)', aliases: ['反馈id', '反馈ID', '反馈编号', '问卷编号', 'response_id'] },
      ...customerRef,
      { name: 'submitted_at', type: 'timestamp', required: true, doc: 'when it was given', aliases: ['提交时间', '反馈时间', '评价时间', '时间', 'created_at', 'date', 'submitted'] },
      { name: 'type', type: 'feedback_type', required: true, doc: 'nps / csat / complaint / comment', aliases: ['类型', '反馈类型', 'feedback_type', 'kind'] },
      { name: 'score', type: 'int', doc: 'NPS 0-10 or CSAT 1-5', aliases: ['评分', '分数', '得分', '推荐分', 'nps', 'rating'] },
      { name: 'text', type: 'text', doc: 'free text', aliases: ['内容', '反馈内容', '评价内容', '意见', '评论', 'comment', 'comments', 'message'] },
      { name: 'channel', type: 'text', doc: 'where it was collected', aliases: ['渠道', '来源', '反馈渠道', 'source'] },
    ],
  },
};

export function isEntityName(s: string): s is EntityName {
  return (ENTITY_NAMES as readonly string[]).includes(s);
}
