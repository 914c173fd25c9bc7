// The demo retailer's assortment: 8 top categories, their sub-categories, brands sold in China,
// product name parts, price bands (CNY) and buying behaviour (basket quantity, brand loyalty).

export interface TopCategoryDef {
  readonly name: string;
  readonly code: string;
  /** Share of customers whose main interest this is (before gender and frequency tilts). */
  readonly popularity: number;
  readonly female: number;
  readonly male: number;
  /** How much more often frequent buyers have this as main interest: weight x (rate ratio)^e. */
  readonly frequency: number;
}

export interface SubcategoryDef {
  readonly top: number;
  readonly code: string;
  readonly name: string;
  readonly brands: readonly string[];
  readonly bases: readonly string[];
  readonly specs: readonly string[];
  /** Price band in CNY. */
  readonly price: readonly [number, number];
  /** SKUs to make; with `cross` every brand x spec pair is made (formula stages, nappy sizes). */
  readonly count: number;
  readonly cross?: boolean;
  /** Relative choice weight inside the top category. */
  readonly popularity: number;
  /** Largest ordinary quantity per line. */
  readonly maxQty: number;
  /** Probability of re-buying the SKU bought last time in this sub-category. */
  readonly loyalty: number;
}

export const TOP_CATEGORIES: readonly TopCategoryDef[] = [
  { name: '美妆', code: 'BEA', popularity: 0.15, female: 1.9, male: 0.15, frequency: 0 },
  { name: '个护', code: 'PER', popularity: 0.1, female: 1.1, male: 0.9, frequency: 0.2 },
  { name: '母婴', code: 'BAB', popularity: 0.11, female: 1.5, male: 0.45, frequency: 0.3 },
  { name: '生鲜', code: 'FRS', popularity: 0.14, female: 1.1, male: 0.85, frequency: 0.8 },
  { name: '食品', code: 'FOD', popularity: 0.14, female: 0.95, male: 1.1, frequency: 0.3 },
  { name: '家居', code: 'HOM', popularity: 0.11, female: 1.1, male: 0.85, frequency: -0.3 },
  { name: '服饰', code: 'APP', popularity: 0.15, female: 1.15, male: 0.8, frequency: -0.2 },
  { name: '数码', code: 'DIG', popularity: 0.1, female: 0.45, male: 2.2, frequency: -0.5 },
];

export const TOP = {
  beauty: 0,
  personal: 1,
  baby: 2,
  fresh: 3,
  food: 4,
  home: 5,
  apparel: 6,
  digital: 7,
} as const;

export const SUBCATEGORIES: readonly SubcategoryDef[] = [
  // 美妆
  { top: 0, code: 'LIP', name: '口红', brands: ['完美日记', '花西子', '迪奥', '圣罗兰', '魅可', '阿玛尼', '橘朵'], bases: ['丝绒哑光口红', '水润唇釉', '小金条口红', '滋润唇膏'], specs: ['#999 正红', '#314 豆沙', '#520 番茄红', '#02 枫叶红', '#888 复古红', '#16 奶茶色'], price: [59, 399], count: 12, popularity: 1.4, maxQty: 2, loyalty: 0.35 },
  { top: 0, code: 'FDN', name: '粉底', brands: ['雅诗兰黛', '兰蔻', '花西子', '毛戈平', '植村秀'], bases: ['持妆粉底液', '气垫BB霜', '遮瑕粉底液'], specs: ['30ml 象牙白', '30ml 自然色', '15g 亮肤色'], price: [129, 590], count: 8, popularity: 0.9, maxQty: 1, loyalty: 0.6 },
  { top: 0, code: 'EYE', name: '眼影', brands: ['完美日记', '花西子', '橘朵', '3CE', '珂拉琪'], bases: ['十二色眼影盘', '四色眼影', '单色眼影'], specs: ['大地色', '蜜桃色', '玫瑰色'], price: [49, 299], count: 7, popularity: 0.6, maxQty: 1, loyalty: 0.2 },
  { top: 0, code: 'MSK', name: '面膜', brands: ['百雀羚', '自然堂', '珀莱雅', '一叶子', '膜法世家', '敷尔佳'], bases: ['补水面膜', '玻尿酸修护面膜', '清洁泥膜'], specs: ['10片装', '25片装', '100g'], price: [39, 199], count: 9, popularity: 1.2, maxQty: 3, loyalty: 0.5 },
  { top: 0, code: 'SER', name: '精华', brands: ['珀莱雅', '雅诗兰黛', '兰蔻', '薇诺娜', '修丽可', 'SK-II'], bases: ['小棕瓶精华', '双抗精华', '修护精华', '神仙水'], specs: ['30ml', '50ml', '100ml 礼盒'], price: [159, 1290], count: 9, popularity: 1, maxQty: 1, loyalty: 0.6 },
  // 个护
  { top: 1, code: 'SHP', name: '洗发水', brands: ['海飞丝', '潘婷', '清扬', '阿道夫', '滋源'], bases: ['去屑洗发水', '柔顺洗发露', '无硅油洗发水'], specs: ['400ml', '750ml', '1L 家庭装'], price: [29, 99], count: 8, popularity: 1.2, maxQty: 3, loyalty: 0.65 },
  { top: 1, code: 'BDW', name: '沐浴露', brands: ['力士', '多芬', '舒肤佳', '六神'], bases: ['沐浴露', '香氛沐浴乳'], specs: ['720ml', '1L'], price: [25, 79], count: 6, popularity: 1, maxQty: 3, loyalty: 0.6 },
  { top: 1, code: 'TPT', name: '牙膏', brands: ['云南白药', '舒适达', '高露洁', '黑人', '冷酸灵'], bases: ['牙膏', '美白牙膏', '抗敏感牙膏'], specs: ['120g', '120g×3支'], price: [15, 69], count: 7, popularity: 1, maxQty: 4, loyalty: 0.6 },
  { top: 1, code: 'TIS', name: '纸品', brands: ['维达', '清风', '心相印', '洁柔'], bases: ['抽纸', '卷纸', '湿巾'], specs: ['24包整箱', '10卷', '80抽×6包'], price: [19.9, 79], count: 7, popularity: 1.3, maxQty: 4, loyalty: 0.55 },
  // 母婴
  { top: 2, code: 'FML', name: '奶粉', brands: ['飞鹤', '君乐宝', '爱他美', '美赞臣', '惠氏启赋', 'a2'], bases: ['婴儿配方奶粉'], specs: ['1段 800g', '2段 800g', '3段 800g'], price: [189, 468], count: 18, cross: true, popularity: 1.6, maxQty: 4, loyalty: 0.9 },
  { top: 2, code: 'DPR', name: '纸尿裤', brands: ['帮宝适', '花王', '好奇', '大王'], bases: ['纸尿裤'], specs: ['NB码', 'S码', 'M码', 'L码', 'XL码'], price: [89, 199], count: 20, cross: true, popularity: 1.4, maxQty: 3, loyalty: 0.75 },
  { top: 2, code: 'WEA', name: '辅食', brands: ['嘉宝', '小皮', '亨氏', '窝小芽'], bases: ['高铁米粉', '果泥', '宝宝面条'], specs: ['225g', '4袋装'], price: [29, 89], count: 7, popularity: 0.8, maxQty: 4, loyalty: 0.5 },
  { top: 2, code: 'EDU', name: '早教', brands: ['小步在家早教', '斑马', '凯叔讲故事', '火火兔', '乐高得宝'], bases: ['0-3岁早教课年卡', '早教故事机', '绘本礼盒', '启蒙积木'], specs: ['标准版', '进阶版'], price: [99, 1499], count: 9, popularity: 0.4, maxQty: 1, loyalty: 0.1 },
  { top: 2, code: 'BTL', name: '奶瓶', brands: ['贝亲', '好孩子', '可么多么', '世喜'], bases: ['宽口径玻璃奶瓶', '防胀气奶瓶'], specs: ['160ml', '240ml'], price: [49, 199], count: 6, popularity: 0.4, maxQty: 2, loyalty: 0.3 },
  // 生鲜
  { top: 3, code: 'FRT', name: '水果', brands: ['佳沛', '都乐', '褚橙', '本地优选', '百果园'], bases: ['阳光玫瑰葡萄', '赣南脐橙', '奇异果', '金煌芒', '红富士苹果', '丹东草莓'], specs: ['1kg', '2.5kg', '12个装'], price: [19.9, 129], count: 12, popularity: 1.5, maxQty: 3, loyalty: 0.45 },
  { top: 3, code: 'VEG', name: '蔬菜', brands: ['盒马', '本地优选', '崇明农场'], bases: ['有机菠菜', '西红柿', '上海青', '土豆', '西兰花'], specs: ['300g', '500g', '1kg'], price: [4.9, 29.9], count: 10, popularity: 1.3, maxQty: 3, loyalty: 0.45 },
  { top: 3, code: 'MEA', name: '肉禽', brands: ['双汇', '正大', '科尔沁', '圣农', '黑猪本味'], bases: ['冷鲜猪里脊', '鸡胸肉', '牛腱子', '猪小排'], specs: ['500g', '1kg'], price: [19.9, 129], count: 9, popularity: 1.1, maxQty: 3, loyalty: 0.5 },
  { top: 3, code: 'SEA', name: '海鲜', brands: ['獐子岛', '国联', '本地优选'], bases: ['鲜活基围虾', '阳澄湖大闸蟹', '三文鱼刺身', '带鱼段'], specs: ['200g', '500g', '4只装'], price: [29, 299], count: 8, popularity: 0.6, maxQty: 2, loyalty: 0.35 },
  { top: 3, code: 'DAI', name: '乳品', brands: ['光明', '蒙牛', '伊利', '简爱', '每日鲜语'], bases: ['鲜牛奶', '无糖酸奶', '低脂牛奶'], specs: ['950ml', '6杯装', '250ml×10'], price: [9.9, 39.9], count: 10, popularity: 1.3, maxQty: 4, loyalty: 0.7 },
  // 食品
  { top: 4, code: 'SNK', name: '零食', brands: ['三只松鼠', '良品铺子', '百草味', '卫龙', '洽洽'], bases: ['每日坚果', '辣条大礼包', '坚果礼盒', '牛肉干'], specs: ['30包', '750g', '500g'], price: [19.9, 169], count: 10, popularity: 1.4, maxQty: 4, loyalty: 0.4 },
  { top: 4, code: 'TEA', name: '茶叶', brands: ['西湖牌', '竹叶青', '大益', '小罐茶', '八马'], bases: ['明前龙井', '峨眉竹叶青', '普洱熟茶', '铁观音'], specs: ['100g', '250g 礼盒'], price: [69, 599], count: 8, popularity: 0.6, maxQty: 2, loyalty: 0.55 },
  { top: 4, code: 'COF', name: '咖啡', brands: ['三顿半', '雀巢', '永璞', '隅田川', '瑞幸'], bases: ['冻干咖啡', '挂耳咖啡', '咖啡豆'], specs: ['24颗', '30包', '454g'], price: [39, 199], count: 8, popularity: 1, maxQty: 3, loyalty: 0.6 },
  { top: 4, code: 'OIL', name: '粮油', brands: ['金龙鱼', '福临门', '鲁花', '十月稻田', '五常'], bases: ['花生油', '东北大米', '挂面'], specs: ['5L', '10kg', '2.5kg'], price: [29, 169], count: 8, popularity: 1.1, maxQty: 3, loyalty: 0.65 },
  // 家居
  { top: 5, code: 'KIT', name: '厨具', brands: ['苏泊尔', '九阳', '美的', '双立人', '炊大皇'], bases: ['不粘炒锅', '电饭煲', '刀具套装', '破壁料理机'], specs: ['32cm', '4L', '5件套'], price: [79, 999], count: 10, popularity: 1, maxQty: 1, loyalty: 0.05 },
  { top: 5, code: 'BED', name: '床品', brands: ['罗莱', '水星家纺', '富安娜', '梦洁'], bases: ['纯棉四件套', '蚕丝被', '乳胶枕'], specs: ['1.5m', '1.8m', '单只装'], price: [129, 1299], count: 8, popularity: 0.8, maxQty: 2, loyalty: 0.1 },
  { top: 5, code: 'STO', name: '收纳', brands: ['天马', '禧天龙', '茶花', '佳帮手'], bases: ['衣物收纳箱', '植绒衣架', '桌面收纳盒'], specs: ['3只装', '30只装', '大号'], price: [19.9, 199], count: 7, popularity: 0.8, maxQty: 3, loyalty: 0.2 },
  { top: 5, code: 'CLN', name: '清洁', brands: ['蓝月亮', '立白', '威猛先生', '奥妙', '超能'], bases: ['洗衣液', '厨房重油污清洁剂', '洗衣凝珠'], specs: ['3kg', '500g×2', '52颗'], price: [19.9, 89], count: 9, popularity: 1.3, maxQty: 4, loyalty: 0.6 },
  // 服饰
  { top: 6, code: 'WMN', name: '女装', brands: ['优衣库', '太平鸟', 'ONLY', '伊芙丽', '欧时力', '波司登'], bases: ['羊毛针织开衫', '法式连衣裙', '轻薄羽绒服', '高腰阔腿裤'], specs: ['S', 'M', 'L'], price: [79, 899], count: 12, popularity: 1.4, maxQty: 2, loyalty: 0.1 },
  { top: 6, code: 'MEN', name: '男装', brands: ['海澜之家', '优衣库', '劲霸', '七匹狼', '波司登'], bases: ['商务衬衫', '休闲裤', '连帽羽绒服', '纯棉T恤'], specs: ['M', 'L', 'XL'], price: [69, 799], count: 10, popularity: 1, maxQty: 2, loyalty: 0.1 },
  { top: 6, code: 'KID', name: '童装', brands: ['巴拉巴拉', '安奈儿', '小猪班纳', '戴维贝拉'], bases: ['儿童卫衣', '儿童羽绒服', '婴儿连体衣'], specs: ['90cm', '110cm', '130cm'], price: [69, 499], count: 8, popularity: 0.7, maxQty: 3, loyalty: 0.1 },
  { top: 6, code: 'SHO', name: '鞋靴', brands: ['安踏', '李宁', '百丽', '特步', '回力'], bases: ['跑步鞋', '短靴', '帆布鞋'], specs: ['37码', '40码', '42码'], price: [89, 699], count: 9, popularity: 1, maxQty: 1, loyalty: 0.1 },
  // 数码
  { top: 7, code: 'EAR', name: '耳机', brands: ['华为', '小米', '漫步者', '索尼', '苹果'], bases: ['降噪蓝牙耳机', '真无线耳机', '头戴式耳机'], specs: ['黑色', '白色'], price: [99, 1999], count: 9, popularity: 1.3, maxQty: 1, loyalty: 0.05 },
  { top: 7, code: 'ACC', name: '手机配件', brands: ['绿联', '安克', '倍思', '公牛'], bases: ['65W氮化镓充电器', '20000mAh充电宝', 'Type-C数据线', '手机壳'], specs: ['标准版', '两件套'], price: [19.9, 299], count: 9, popularity: 1.5, maxQty: 3, loyalty: 0.15 },
  { top: 7, code: 'WAT', name: '智能手表', brands: ['华为', '小米', '苹果', '佳明'], bases: ['智能手表', '运动手环'], specs: ['46mm', '42mm'], price: [199, 3299], count: 7, popularity: 0.7, maxQty: 1, loyalty: 0.05 },
  { top: 7, code: 'TAB', name: '平板', brands: ['华为', '小米', '苹果', '联想'], bases: ['平板电脑 11英寸', '平板电脑 12.4英寸'], specs: ['128G', '256G'], price: [1499, 6999], count: 7, popularity: 0.35, maxQty: 1, loyalty: 0.02 },
  { top: 7, code: 'PHN', name: '手机', brands: ['华为', '小米', '苹果', 'OPPO', 'vivo', '荣耀'], bases: ['5G手机'], specs: ['256G', '512G'], price: [1999, 9999], count: 9, popularity: 0.3, maxQty: 1, loyalty: 0.02 },
];
