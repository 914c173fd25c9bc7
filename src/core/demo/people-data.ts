// Names, places and contact conventions of mainland Chinese shoppers, weighted roughly like a
// national retailer's customer base (tier-1 and new tier-1 cities over-represented online).

/** Common surnames with approximate relative frequency. */
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 7.1], ['李', 7.0], ['张', 6.8], ['刘', 5.4], ['陈', 4.6], ['杨', 3.1], ['黄', 2.4], ['赵', 2.3],
  ['吴', 2.0], ['周', 1.9], ['徐', 1.5], ['孙', 1.5], ['马', 1.4], ['朱', 1.3], ['胡', 1.3], ['郭', 1.2],
  ['何', 1.1], ['林', 1.1], ['高', 1.1], ['罗', 1.0], ['郑', 1.0], ['梁', 0.9], ['谢', 0.8], ['宋', 0.8],
  ['唐', 0.8], ['许', 0.7], ['韩', 0.7], ['冯', 0.7], ['邓', 0.7], ['曹', 0.7], ['彭', 0.6], ['曾', 0.6],
  ['肖', 0.6], ['田', 0.6], ['董', 0.5], ['袁', 0.5], ['潘', 0.5], ['于', 0.5], ['蒋', 0.5], ['蔡', 0.5],
  ['余', 0.5], ['杜', 0.5], ['叶', 0.5], ['程', 0.5], ['苏', 0.4], ['魏', 0.4], ['吕', 0.4], ['丁', 0.4],
  ['任', 0.4], ['沈', 0.4], ['姚', 0.4], ['卢', 0.4], ['姜', 0.3], ['崔', 0.3], ['钟', 0.3], ['谭', 0.3],
  ['陆', 0.3], ['汪', 0.3], ['范', 0.3], ['金', 0.3], ['石', 0.3], ['廖', 0.3], ['贾', 0.3], ['夏', 0.3],
  ['韦', 0.3], ['方', 0.3], ['白', 0.2], ['邹', 0.2], ['孟', 0.2], ['熊', 0.2], ['秦', 0.2], ['邱', 0.2],
  ['欧阳', 0.05], ['司马', 0.02], ['上官', 0.02],
];

export const FEMALE_GIVEN: readonly string[] = [
  '芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '婷', '雪', '慧', '颖', '琳', '倩', '洁', '欣', '悦', '佳',
  '晶', '玲', '萍', '红', '梅', '莉', '蕾', '薇', '璐', '瑶', '怡', '涵', '诗', '梦', '雨', '晓', '思', '宁',
  '可', '心', '若', '紫', '嘉', '婉', '雅', '馨', '露', '菲', '月', '彤', '楠', '琪',
];

export const MALE_GIVEN: readonly string[] = [
  '伟', '强', '磊', '军', '洋', '勇', '杰', '涛', '明', '超', '斌', '鹏', '辉', '浩', '宇', '刚', '健', '峰',
  '飞', '凯', '俊', '帅', '鑫', '博', '晨', '昊', '然', '轩', '睿', '哲', '文', '华', '建', '国', '志', '海',
  '东', '林', '子', '一', '天', '泽', '航', '阳', '毅', '亮', '诚', '亦', '铭', '远',
];

export interface CityDef {
  readonly city: string;
  readonly province: string;
  readonly weight: number;
}

export const CITIES: readonly CityDef[] = [
  { city: '上海', province: '上海', weight: 7.5 },
  { city: '北京', province: '北京', weight: 7 },
  { city: '广州', province: '广东', weight: 5.5 },
  { city: '深圳', province: '广东', weight: 5.5 },
  { city: '杭州', province: '浙江', weight: 4.5 },
  { city: '成都', province: '四川', weight: 4.5 },
  { city: '重庆', province: '重庆', weight: 4 },
  { city: '武汉', province: '湖北', weight: 3.8 },
  { city: '南京', province: '江苏', weight: 3.5 },
  { city: '苏州', province: '江苏', weight: 3.3 },
  { city: '西安', province: '陕西', weight: 3.2 },
  { city: '天津', province: '天津', weight: 3 },
  { city: '长沙', province: '湖南', weight: 2.8 },
  { city: '郑州', province: '河南', weight: 2.8 },
  { city: '东莞', province: '广东', weight: 2.4 },
  { city: '青岛', province: '山东', weight: 2.3 },
  { city: '宁波', province: '浙江', weight: 2.2 },
  { city: '合肥', province: '安徽', weight: 2.2 },
  { city: '佛山', province: '广东', weight: 2.1 },
  { city: '沈阳', province: '辽宁', weight: 1.9 },
  { city: '昆明', province: '云南', weight: 1.8 },
  { city: '济南', province: '山东', weight: 1.8 },
  { city: '无锡', province: '江苏', weight: 1.7 },
  { city: '厦门', province: '福建', weight: 1.6 },
  { city: '福州', province: '福建', weight: 1.6 },
  { city: '大连', province: '辽宁', weight: 1.5 },
  { city: '哈尔滨', province: '黑龙江', weight: 1.5 },
  { city: '长春', province: '吉林', weight: 1.3 },
  { city: '南宁', province: '广西', weight: 1.3 },
  { city: '南昌', province: '江西', weight: 1.3 },
  { city: '石家庄', province: '河北', weight: 1.3 },
  { city: '贵阳', province: '贵州', weight: 1.2 },
  { city: '温州', province: '浙江', weight: 1.2 },
  { city: '太原', province: '山西', weight: 1.1 },
  { city: '泉州', province: '福建', weight: 1.1 },
  { city: '常州', province: '江苏', weight: 1.1 },
  { city: '珠海', province: '广东', weight: 0.9 },
  { city: '兰州', province: '甘肃', weight: 0.8 },
  { city: '海口', province: '海南', weight: 0.7 },
  { city: '乌鲁木齐', province: '新疆', weight: 0.7 },
  { city: '呼和浩特', province: '内蒙古', weight: 0.6 },
  { city: '银川', province: '宁夏', weight: 0.4 },
  { city: '拉萨', province: '西藏', weight: 0.2 },
];

/** Mainland mobile number prefixes (China Mobile, Unicom, Telecom, Broadnet). */
export const PHONE_PREFIXES: readonly string[] = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '147', '150', '151', '152', '153',
  '155', '156', '157', '158', '159', '166', '173', '176', '177', '178', '180', '181', '182', '183', '184',
  '185', '186', '187', '188', '189', '191', '198', '199',
];

export const EMAIL_DOMAINS: readonly (readonly [string, number])[] = [
  ['qq.com', 40], ['163.com', 22], ['126.com', 8], ['gmail.com', 6], ['outlook.com', 6], ['foxmail.com', 5],
  ['sina.com', 4], ['icloud.com', 5], ['139.com', 2], ['yeah.net', 2],
];

export const EMAIL_HANDLES: readonly string[] = [
  'lily', 'amy', 'coco', 'jason', 'kevin', 'sunny', 'tina', 'leo', 'grace', 'eric', 'vivian', 'jack', 'momo',
  'xiaoyu', 'happy', 'lucky', 'star', 'cat', 'panda', 'rain', 'snow', 'tiger', 'mia', 'alex', 'cherry',
];

export const MALLS: readonly string[] = ['万达广场', '万象城', '大悦城', '银泰城', '吾悦广场', '龙湖天街', '来福士', '印象城'];

/** Acquisition channels, customer cost (CNY median) and how their share moves over time. */
export interface AcquisitionChannelDef {
  readonly name: string;
  readonly cost: number;
  /** Share at the start of history and at the end (douyin grows, search shrinks). */
  readonly shareStart: number;
  readonly shareEnd: number;
}

export const ACQUISITION_CHANNELS: readonly AcquisitionChannelDef[] = [
  { name: 'douyin', cost: 88, shareStart: 0.1, shareEnd: 0.27 },
  { name: 'wechat', cost: 46, shareStart: 0.18, shareEnd: 0.17 },
  { name: 'tmall', cost: 118, shareStart: 0.25, shareEnd: 0.17 },
  { name: 'jd', cost: 106, shareStart: 0.15, shareEnd: 0.12 },
  { name: 'offline_store', cost: 62, shareStart: 0.16, shareEnd: 0.13 },
  { name: 'referral', cost: 22, shareStart: 0.06, shareEnd: 0.08 },
  { name: 'search', cost: 95, shareStart: 0.1, shareEnd: 0.06 },
];

/** Order channels and the shop name recorded for online ones. */
export const ONLINE_STORES: Readonly<Record<string, string>> = {
  tmall: '天猫官方旗舰店',
  jd: '京东自营旗舰店',
  douyin: '抖音官方旗舰店',
  wechat_mini: '微信小程序商城',
  app: '官方App',
};

/** Where customers from an acquisition channel place their orders (channel weights). */
export const ORDER_CHANNEL_MIX: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  douyin: [['douyin', 0.6], ['wechat_mini', 0.15], ['tmall', 0.1], ['app', 0.1], ['offline_store', 0.05]],
  wechat: [['wechat_mini', 0.6], ['app', 0.15], ['offline_store', 0.15], ['tmall', 0.1]],
  tmall: [['tmall', 0.75], ['app', 0.1], ['wechat_mini', 0.1], ['offline_store', 0.05]],
  jd: [['jd', 0.75], ['app', 0.1], ['wechat_mini', 0.1], ['offline_store', 0.05]],
  offline_store: [['offline_store', 0.65], ['wechat_mini', 0.2], ['app', 0.1], ['tmall', 0.05]],
  referral: [['wechat_mini', 0.45], ['app', 0.25], ['offline_store', 0.15], ['tmall', 0.15]],
  search: [['app', 0.4], ['tmall', 0.25], ['jd', 0.2], ['wechat_mini', 0.15]],
};
