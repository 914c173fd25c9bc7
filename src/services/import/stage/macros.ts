// DuckDB macros used by the staging SQL. Every file, whatever the target engine, is parsed
// and validated by DuckDB; these macros are the cleaning rules, written once.
// tend_phone mirrors core/identity/normalize.ts normalizePhone (a test checks they agree).

export function stagingMacros(timezone: string): string[] {
  const tz = timezone.replace(/'/g, "''");
  return [
    `SET TimeZone = '${tz}'`,
    // trim (spaces, including Unicode ones such as the ideographic space) allocates a new string per value; most
    // values have none, so it runs only where the first character is a space, control or
    // non-ASCII one, or the last is a space, non-breaking or ideographic space (byte compares and
    // suffix matches, 4x cheaper on ten million rows; suffix() is cheaper still than LIKE '%x').
    // '' sorts below '!', so the empty string takes the trim branch and ends NULL.
    `CREATE OR REPLACE TEMP MACRO tend_blank(v) AS
       CASE WHEN v < '!' OR v >= chr(128) OR suffix(v, ' ') OR suffix(v, '\u00a0') OR suffix(v, '\u3000') THEN nullif(trim(v), '')
            ELSE v END`,
    `CREATE OR REPLACE TEMP MACRO tend_email(v) AS
       CASE WHEN regexp_full_match(lower(trim(v)), '[^\\s@]+@[^\\s@]+\\.[^\\s@]+') THEN lower(trim(v)) END`,
    `CREATE OR REPLACE TEMP MACRO tend_phone_digits(v) AS
       CASE
         WHEN starts_with(trim(v), '+') THEN regexp_replace(v, '[^0-9]', '', 'g')
         WHEN starts_with(regexp_replace(v, '[^0-9]', '', 'g'), '00') THEN substr(regexp_replace(v, '[^0-9]', '', 'g'), 3)
         WHEN length(regexp_replace(v, '[^0-9]', '', 'g')) = 11 AND starts_with(regexp_replace(v, '[^0-9]', '', 'g'), '1')
           THEN '86' || regexp_replace(v, '[^0-9]', '', 'g')
         WHEN length(regexp_replace(v, '[^0-9]', '', 'g')) = 13 AND starts_with(regexp_replace(v, '[^0-9]', '', 'g'), '861')
           THEN regexp_replace(v, '[^0-9]', '', 'g')
         WHEN length(regexp_replace(v, '[^0-9]', '', 'g')) BETWEEN 10 AND 12 AND starts_with(regexp_replace(v, '[^0-9]', '', 'g'), '0')
           THEN '86' || substr(regexp_replace(v, '[^0-9]', '', 'g'), 2)
       END`,
    `CREATE OR REPLACE TEMP MACRO tend_phone(v) AS
       CASE WHEN length(tend_phone_digits(v)) BETWEEN 8 AND 15
             AND NOT starts_with(tend_phone_digits(v), '0')
             AND NOT (starts_with(tend_phone_digits(v), '861') AND length(tend_phone_digits(v)) <> 13)
            THEN '+' || tend_phone_digits(v) END`,
    `CREATE OR REPLACE TEMP MACRO tend_money(v) AS
       coalesce(try_cast(v AS DECIMAL(18,2)), try_cast(regexp_replace(v, '[¥￥,\\s]|CNY|RMB|元', '', 'g') AS DECIMAL(18,2)))`,
    `CREATE OR REPLACE TEMP MACRO tend_int(v) AS
       CASE WHEN try_cast(v AS DOUBLE) = floor(try_cast(v AS DOUBLE)) AND abs(try_cast(v AS DOUBLE)) < 2147483647
            THEN try_cast(v AS DOUBLE)::INTEGER END`,
    // The session time zone is the business one (see stagingSetup), so a time without a zone
    // is business local time and one with Z or an offset is that instant; both end as UTC.
    // Epoch seconds/milliseconds are UTC. Chinese dates (2024年3月5日) and slashes become ISO.
    `CREATE OR REPLACE TEMP MACRO tend_iso(v) AS
       replace(regexp_replace(regexp_replace(trim(v), '(\\d{4})年(\\d{1,2})月(\\d{1,2})日?', '\\1-\\2-\\3'), '/', '-', 'g'), '  ', ' ')`,
    // The instant as a UTC TIMESTAMP through its epoch microseconds: the same value as
    // timezone('UTC', ...), without a time-zone lookup per row (4x faster on a million rows).
    `CREATE OR REPLACE TEMP MACRO tend_ts(v) AS
       make_timestamp(epoch_us(coalesce(
         try_cast(v AS TIMESTAMPTZ),
         CASE WHEN length(v) = 10 AND try_cast(v AS BIGINT) IS NOT NULL THEN to_timestamp(try_cast(v AS BIGINT))
              WHEN length(v) = 13 AND try_cast(v AS BIGINT) IS NOT NULL THEN to_timestamp(try_cast(v AS BIGINT) / 1000.0) END,
         try_cast(tend_iso(v) AS TIMESTAMPTZ))))`,
    `CREATE OR REPLACE TEMP MACRO tend_date(v) AS coalesce(try_cast(v AS DATE), try_cast(try_cast(tend_iso(v) AS TIMESTAMP) AS DATE))`,
    `CREATE OR REPLACE TEMP MACRO tend_bool(v) AS
       CASE WHEN list_contains(['true', '1', 'yes', 'y', 't', '是', '允许', '同意', '已授权'], lower(trim(v))) THEN true
            WHEN list_contains(['false', '0', 'no', 'n', 'f', '否', '不允许', '拒绝', '未授权'], lower(trim(v))) THEN false END`,
    // Vocabularies are looked up with list_contains, not IN: DuckDB plans a long IN list as a
    // join under the whole projection, which then runs for every row even inside a CASE branch
    // no row reaches (0.9 s of a ten-million-row orders import went to the status list). Each
    // vocabulary macro also passes canonical values through first: a CASE evaluates later
    // branches only for the rows earlier ones did not match.
    `CREATE OR REPLACE TEMP MACRO tend_gender_any(v) AS
       CASE WHEN list_contains(['male', 'm', '男', 'man'], lower(trim(v))) THEN 'male'
            WHEN list_contains(['female', 'f', '女', 'woman'], lower(trim(v))) THEN 'female'
            WHEN list_contains(['unknown', 'u', '未知', 'other', '其他', '保密'], lower(trim(v))) THEN 'unknown' END`,
    `CREATE OR REPLACE TEMP MACRO tend_gender(v) AS CASE WHEN v = 'male' OR v = 'female' OR v = 'unknown' THEN v ELSE tend_gender_any(v) END`,
    `CREATE OR REPLACE TEMP MACRO tend_order_status_any(v) AS
       CASE WHEN v IS NULL THEN 'paid'
            WHEN list_contains(['paid', 'completed', 'complete', 'success', 'shipped', 'delivered', '已支付', '已付款', '已完成', '交易成功', '已发货', '已签收', '完成'], lower(trim(v)))
              THEN 'paid'
            WHEN list_contains(['refunded', 'refund', 'returned', '退款', '已退款', '退货', '已退货', '退款成功'], lower(trim(v))) THEN 'refunded'
            WHEN list_contains(['cancelled', 'canceled', 'closed', '已取消', '取消', '交易关闭', '已关闭'], lower(trim(v))) THEN 'cancelled' END`,
    `CREATE OR REPLACE TEMP MACRO tend_order_status(v) AS CASE WHEN v = 'paid' OR v = 'refunded' OR v = 'cancelled' THEN v ELSE tend_order_status_any(v) END`,
    `CREATE OR REPLACE TEMP MACRO tend_feedback_type_any(v) AS
       CASE WHEN list_contains(['nps', '净推荐值', '推荐度'], lower(trim(v))) THEN 'nps'
            WHEN list_contains(['csat', '满意度', '满意度调查'], lower(trim(v))) THEN 'csat'
            WHEN list_contains(['complaint', '投诉'], lower(trim(v))) THEN 'complaint'
            WHEN list_contains(['comment', 'review', '评论', '评价', '留言', '建议'], lower(trim(v))) THEN 'comment' END`,
    `CREATE OR REPLACE TEMP MACRO tend_feedback_type(v) AS CASE WHEN v = 'nps' OR v = 'csat' OR v = 'complaint' OR v = 'comment' THEN v ELSE tend_feedback_type_any(v) END`,
    `CREATE OR REPLACE TEMP MACRO tend_currency(v) AS
       CASE WHEN list_contains(['RMB', '人民币', '元', 'CNY', '¥', '￥'], upper(trim(v))) THEN 'CNY'
            WHEN regexp_full_match(upper(trim(v)), '[A-Z]{3}') THEN upper(trim(v)) END`,
    `CREATE OR REPLACE TEMP MACRO tend_json_object(v) AS
       CASE WHEN CASE WHEN json_valid(v) THEN json_type(v::JSON) = 'OBJECT' ELSE false END THEN v END`,
  ];
}
