#!/usr/bin/env python3
"""Writes the bundled demo project's data (data/demo/*.csv) deterministically.

The demo is a mixed-mode certification-customer survey shaped like the source case of
DOMAIN.md: customers by region (the published 979-questionnaire distribution) and industry
(classes A-S), mailed questionnaires with phone follow-ups in wave 1 (2006) and mail + online in
wave 2 (2007). Names, phones and e-mails are invented. Run: python3 scripts/make_demo_data.py
"""
import csv, json, os, random

REGIONS = [("青岛", 443), ("烟台", 78), ("潍坊", 103), ("济南", 74), ("济宁", 41), ("威海", 36),
           ("东营", 48), ("江苏", 10), ("枣庄", 11), ("临沂", 24), ("淄博", 23), ("日照", 29),
           ("荷泽", 4), ("德州", 6), ("安徽", 7), ("聊城", 7), ("泰安", 5), ("滨州", 9),
           ("莱芜", 2), ("上海", 4), ("北京", 2), ("新疆", 4), ("贵州", 2), ("未署名", 7)]
INDUSTRIES = list("ABCDEFGHIJKLMNOPQRS")
IND_WEIGHTS = [3, 6, 7, 3, 9, 6, 10, 14, 9, 3, 5, 8, 4, 3, 2, 4, 3, 1, 5]
ATTRS = 8  # service attributes rated 1-10 for importance and satisfaction
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
SUFFIX = ["机械", "化工", "食品", "纺织", "电子", "建设", "物流", "塑胶", "金属", "纸业"]

REGION_EN = {"青岛": "Qingdao", "烟台": "Yantai", "潍坊": "Weifang", "济南": "Jinan", "济宁": "Jining",
             "威海": "Weihai", "东营": "Dongying", "江苏": "Jiangsu", "枣庄": "Zaozhuang", "临沂": "Linyi",
             "淄博": "Zibo", "日照": "Rizhao", "荷泽": "Heze", "德州": "Dezhou", "安徽": "Anhui",
             "聊城": "Liaocheng", "泰安": "Tai'an", "滨州": "Binzhou", "莱芜": "Laiwu", "上海": "Shanghai",
             "北京": "Beijing", "新疆": "Xinjiang", "贵州": "Guizhou", "未署名": "Unsigned (region unknown)"}
INDUSTRY_LABELS = [
    ("食品饮料和烟草", "Food, beverages and tobacco"), ("食品、饮料和烟草", "Food, beverages and tobacco (B)"),
    ("纺织品及纺织制品", "Textiles and textile products"), ("纸浆、纸及纸制品", "Pulp, paper and paper products"),
    ("化学品、化学制品及纤维", "Chemicals, chemical products and fibres"), ("橡胶和塑料制品", "Rubber and plastic products"),
    ("基础金属及金属制品", "Basic metals and fabricated metal products"), ("机械及设备", "Machinery and equipment"),
    ("电和光学设备", "Electrical and optical equipment"), ("其他运输业", "Other transport"),
    ("其他未分类制造业", "Manufacturing not elsewhere classified"), ("建设业", "Construction"),
    ("批发零售业", "Wholesale and retail trade; repairs"), ("运输仓储和通讯业", "Transport, storage and communication"),
    ("金融中介、房地产和租赁", "Financial intermediation, real estate, renting"), ("工程服务", "Engineering services"),
    ("其他服务业", "Other services"), ("公共行政管理", "Public administration"),
    ("采矿及采石、木材、皮革、印刷等", "Mining, wood, leather, printing, utilities, hotels, IT, education etc.")]
ATTR_LABELS = [("审核员的专业能力", "Auditors' professional competence"), ("响应速度", "Speed of response"),
               ("服务态度", "Friendliness of staff"), ("审核安排的便利性", "Convenience of audit scheduling"),
               ("收费的合理性", "Value for money"), ("承诺的兑现", "Keeping promises"),
               ("证书发放的及时性", "Timely issue of certificates"), ("沟通与信息", "Communication and information")]


def write_questionnaire(here):
    def text(zh, en):
        return {"zh": zh, "en": en}
    scale = {"min": 1, "max": 10, "labels": {"1": text("非常不满意", "very dissatisfied"), "10": text("非常满意", "very satisfied")},
             "missing": [{"code": 99, "kind": "dont_know", "label": text("不知道/不适用", "don't know / not applicable")}]}
    imp_scale = {"min": 1, "max": 10, "labels": {"1": text("一点也不重要", "not important at all"), "10": text("非常重要", "very important")}}
    items = [
        {"id": "region", "type": "single", "role": "region", "text": text("贵公司所在地区", "Region of your company"),
         "codes": [{"code": i + 1, "label": text(r, REGION_EN[r])} for i, (r, _) in enumerate(REGIONS)]},
        {"id": "industry", "type": "single", "role": "industry", "text": text("贵公司所属行业", "Industry of your company"),
         "codes": [{"code": i + 1, "key": INDUSTRIES[i], "label": text(zh, en)} for i, (zh, en) in enumerate(INDUSTRY_LABELS)]},
    ]
    for a, (zh, en) in enumerate(ATTR_LABELS, 1):
        items.append({"id": f"imp{a}", "type": "rating", "role": "attribute_importance", "attribute": f"a{a}",
                      "text": text(f"{zh}对您有多重要？", f"How important is: {en.lower()}?"), "scale": imp_scale})
        items.append({"id": f"sat{a}", "type": "rating", "role": "attribute_satisfaction", "attribute": f"a{a}",
                      "text": text(f"您对{zh}的满意程度", f"How satisfied are you with: {en.lower()}?"), "scale": scale})
    items += [
        {"id": "overall", "type": "rating", "role": "overall_satisfaction", "scale": scale,
         "text": text("总体而言，您对我们的服务满意吗？", "Overall, how satisfied are you with our service?")},
        {"id": "recommend", "type": "nps", "role": "recommend",
         "text": text("您向同行推荐我们的可能性有多大？", "How likely are you to recommend us to a colleague?")},
        {"id": "comment", "type": "long_text", "role": "complaint",
         "text": text("您对我们的意见和建议", "Your comments and suggestions")},
    ]
    form = {"format": "manyi-questionnaire", "format_version": 1, "id": "cert-customer-demo", "version": 1,
            "title": text("认证客户满意度调查（演示）", "Certification customer satisfaction survey (demo)"),
            "languages": ["zh", "en"], "sections": [{"id": "main", "title": text("问卷", "Questionnaire"), "items": items}]}
    with open(os.path.join(here, "questionnaire.json"), "w", encoding="utf-8") as f:
        json.dump(form, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    rng = random.Random(2006)
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "demo")
    customers = []
    cid = 1000
    for region, sent in REGIONS:
        population = max(1, round(sent / 0.8))
        for _ in range(population):
            cid += 1
            industry = rng.choices(INDUSTRIES, IND_WEIGHTS)[0]
            importance = rng.choices(["VIP", "important", "ordinary"], [1, 3, 8])[0]
            loyalty = rng.choices(["potential", "new", "regular", "long-standing", "loyal"], [1, 3, 5, 3, 2])[0]
            value = round(rng.lognormvariate(11, 1.2), 2)
            name = f"{region if region != '未署名' else '山东'}{rng.choice(SURNAMES)}{rng.choice(SURNAMES)}{rng.choice(SUFFIX)}有限公司"
            person = rng.choice(SURNAMES) + rng.choice("伟芳娜敏静丽强磊军洋勇艳杰涛明超")
            phone = f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
            email = f"contact{cid}@example.com"
            customers.append([f"C{cid}", name, person, phone, email, region, industry, importance, loyalty, f"{value:.2f}"])
    with open(os.path.join(here, "customers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["customer_id", "name", "contact_person", "phone", "email", "region", "industry",
                    "importance_class", "loyalty_class", "value"])
        w.writerows(customers)

    comments = ["", "", "", "审核员很专业，希望继续保持。", "响应太慢，证书发放拖了两个月。",
                "费用偏高，\"性价比\"一般，希望改进。", "服务态度好,沟通顺畅", "审核安排不方便\n希望提前通知",
                "Auditor was helpful.", "承诺的事项没有兑现。"]
    rows = []
    rid = 0
    for wave, start in (("2006", "2006-10-15"), ("2007", "2007-10-15")):
        for c in customers:
            quality = rng.gauss(0, 1)  # a customer-level tendency shared by all answers
            if c[5] == "青岛":
                quality += 0.3
            if c[6] in "HI":
                quality -= 0.4
            if wave == "2007":
                quality += 0.25
            r = rng.random()
            if wave == "2006":
                channel = "mail" if r < 0.45 else ("phone" if r < 0.58 else None)
            else:
                channel = "mail" if r < 0.30 else ("online" if r < 0.55 else ("phone" if r < 0.62 else None))
            if channel is None:
                continue
            rid += 1
            answers = []
            for a in range(ATTRS):
                imp = min(10, max(1, round(rng.gauss(7.5 + (a % 3) * 0.5, 1.5))))
                sat = min(10, max(1, round(rng.gauss(7.2 + quality - (a % 4) * 0.3, 1.6))))
                if rng.random() < 0.03:
                    sat = 99  # don't know
                if rng.random() < 0.02:
                    imp = ""
                answers += [imp, sat]
            overall = min(10, max(1, round(rng.gauss(7.3 + quality, 1.4))))
            nps = min(10, max(0, round(rng.gauss(7.0 + quality * 1.3, 1.8))))
            day = rng.randint(0, 60)
            operator = {"mail": rng.choice(["录入员张", "录入员李"]), "phone": rng.choice(["访员王", "访员赵", "访员陈"])}.get(channel, "")
            rows.append([f"R{rid:05d}", c[0], wave, channel, operator, f"{start[:8]}{15 + day % 14:02d}",
                         c[5], c[6]] + answers + [overall, nps, rng.choice(comments)])
    header = ["response_id", "customer_id", "wave", "channel", "operator", "submitted_on", "region", "industry"]
    for a in range(1, ATTRS + 1):
        header += [f"imp{a}", f"sat{a}"]
    header += ["overall", "recommend", "comment"]
    with open(os.path.join(here, "responses.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    write_questionnaire(here)
    print(len(customers), "customers,", len(rows), "responses")

if __name__ == "__main__":
    main()
