// Chinese feedback phrases by theme and category, composed into varied survey answers,
// complaints and reviews. Some are typed with ASCII commas or quotes, a few over two lines,
// as real free text is (and as CSV quoting must survive).

import type { Rng } from './prng.js';

export type Sentiment = 'negative' | 'neutral' | 'positive';

const DELIVERY = ['快递太慢了，等了一个星期才到', '物流信息三天没更新', '配送员没打电话直接放驿站了', '说好的次日达，结果第三天才送到', '包裹送错地址了，来回折腾'];
const SERVICE = ['客服半天不回复', '客服态度很差，问题一直推脱', '投诉了三次都没人处理', '电话一直转不进人工'];
const PRICE = ['刚买完就降价，也不给保价', '会员价比别的平台还贵', '优惠券用不了，规则太复杂'];
const REFUND = ['退款申请一周了还没到账', '退货运费要自己出，太不合理', '售后审核拖了很久'];
const PACKAGING = ['包装太简陋，东西都压坏了', '礼盒包装有破损，没法送人'];

/** Quality complaints by top category index (see TOP_CATEGORIES). */
const QUALITY: readonly (readonly string[])[] = [
  ['口红色号和图片差别很大', '用了之后脸上过敏起痘', '粉底液氧化发暗，不持妆', '收到的精华瓶子漏了一半'],
  ['洗发水漏液了，整个箱子都湿了', '牙膏快过期了，日期不新鲜', '纸巾掉屑严重'],
  ['奶粉罐子压瘪了，不敢给宝宝喝', '纸尿裤用了红屁屁，质量不如以前', '早教课内容太少，和宣传不符', '奶瓶有异味'],
  ['水果有好几个烂的', '肉不新鲜，解冻后有味道', '虾送到的时候已经死了一半', '草莓压坏了很多', '牛奶是临期的'],
  ['坚果有哈喇味', '茶叶碎末太多，不像明前茶', '咖啡结块了', '大米里面有虫'],
  ['锅用了一个月涂层就掉了', '四件套洗一次就起球褪色', '收纳箱盖子合不上', '洗衣液包装破损'],
  ['尺码偏小，面料起球', '羽绒服跑绒严重', '衣服有线头，做工粗糙', '鞋子穿了两周就开胶'],
  ['耳机用了一周就断连', '充电宝充不进电', '手表屏幕有坏点', '平板发热严重，换货流程太麻烦'],
];

const PRAISE_GENERAL = ['物流很快，第二天就到了', '客服态度很好，耐心解答', '会员活动很划算，积分还能抵现', '包装很用心，还送了小样', '一直在这家买，品质稳定', '售后很给力，换货很快', '价格实惠，比超市便宜'];

const PRAISE: readonly (readonly string[])[] = [
  ['口红颜色很正，显白', '精华用了皮肤状态变好了', '面膜很补水，回购很多次了'],
  ['洗发水味道很好闻', '纸巾很厚实，不掉屑'],
  ['奶粉是正品，宝宝爱喝', '纸尿裤很透气，不红屁屁', '早教课宝宝很喜欢，老师很专业'],
  ['水果很新鲜很甜', '肉质很好，冷链送到还是冰的', '牛奶日期很新鲜'],
  ['坚果很新鲜，一点也不腻', '茶叶香气很足，送长辈很有面子', '咖啡很方便，味道不错'],
  ['锅很好用，一点不粘', '四件套很舒服，颜色也好看'],
  ['衣服版型很好，尺码标准', '羽绒服很暖和，性价比高'],
  ['耳机降噪效果很好', '充电器很小巧，充电很快', '手表续航很给力'],
];

const NEUTRAL = ['还行吧，价格可以再便宜点', '东西一般般，物流还算快', '中规中矩，没有什么惊喜', '质量还可以，就是包装简单了点', '活动规则有点复杂，其他都还好', '整体还可以，希望多点优惠'];

const NEGATIVE_ENDINGS = ['，很失望', '，不会再买了', '，希望尽快处理', '！', '，差评', '', '，已经不想再来了'];
const POSITIVE_ENDINGS = ['，会推荐给朋友', '，好评', '，还会回购', '！', '', '，已经推荐给同事了'];
const COMPLAINT_ASKS = ['，要求退款', '，请给个说法', '，希望补发', '，要求赔偿', '，请尽快联系我'];

function typed(rng: Rng, text: string): string {
  // Typed on a computer keyboard: ASCII commas (and, rarely, ASCII quotes).
  if (rng.chance(0.08)) text = text.replace(/，/g, ', ');
  if (rng.chance(0.01)) text = `说是"正品"，${text}`;
  return text;
}

export function negativeTheme(rng: Rng, top: number): string {
  const r = rng.float();
  if (r < 0.38) return rng.pick(QUALITY[top] ?? DELIVERY);
  if (r < 0.62) return rng.pick(DELIVERY);
  if (r < 0.8) return rng.pick(SERVICE);
  if (r < 0.9) return rng.pick(REFUND);
  if (r < 0.96) return rng.pick(PRICE);
  return rng.pick(PACKAGING);
}

function positiveTheme(rng: Rng, top: number): string {
  return rng.chance(0.55) ? rng.pick(PRAISE[top] ?? PRAISE_GENERAL) : rng.pick(PRAISE_GENERAL);
}

/** Free text of a survey answer or review with the given sentiment, about a top category. */
export function feedbackText(rng: Rng, sentiment: Sentiment, top: number): string {
  if (sentiment === 'neutral') return typed(rng, rng.pick(NEUTRAL));
  if (sentiment === 'positive') {
    const first = positiveTheme(rng, top);
    const second = rng.chance(0.3) ? `，${positiveTheme(rng, top)}` : '';
    return typed(rng, `${first}${second === `，${first}` ? '' : second}${rng.pick(POSITIVE_ENDINGS)}`);
  }
  const first = negativeTheme(rng, top);
  const extra = rng.chance(0.35) ? negativeTheme(rng, top) : '';
  const joined = extra === '' || extra === first ? first : `${first}${rng.chance(0.02) ? '\n' : '，'}${extra}`;
  return typed(rng, `${joined}${rng.pick(NEGATIVE_ENDINGS)}`);
}

/** A complaint: a problem, sometimes a second one, and what the customer asks for. */
export function complaintText(rng: Rng, top: number): string {
  const first = negativeTheme(rng, top);
  const extra = rng.chance(0.4) ? negativeTheme(rng, top) : '';
  const joined = extra === '' || extra === first ? first : `${first}${rng.chance(0.03) ? '\n' : '，'}${extra}`;
  return typed(rng, `${joined}${rng.pick(COMPLAINT_ASKS)}`);
}
