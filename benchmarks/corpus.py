"""A reproducible synthetic corpus of UN-style paragraphs in Chinese and English.

`paragraphs(n, seed)` yields n (language, text) pairs: blocks of 50 Chinese then 50 English
paragraphs, so every document (100 paragraphs) has a Chinese and an English version. The phrase
lists below were written for this benchmark; sentences are random combinations of them, so the same
seed always gives the same corpus, and words meet across their boundaries the way they do in real
text (缔约国 + 会议 contains 国会).

    python benchmarks/corpus.py --paragraphs 10 --seed 1     # print a sample
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator

PER_VERSION = 50

ZH_SUBJECTS = [
    "缔约国会议",
    "执行情况审议组",
    "秘书处",
    "各缔约国",
    "预防腐败问题工作组",
    "资产追回问题工作组",
    "国际合作问题专家会议",
    "主席团",
    "若干发言者",
    "一名代表",
    "区域组织",
    "国家主管机关",
    "审议专家",
    "议会",
    "国会议员",
]
ZH_VERBS = [
    "注意到",
    "欢迎",
    "强调",
    "呼吁",
    "决定",
    "请",
    "鼓励",
    "重申",
    "赞赏",
    "建议",
    "审议了",
    "讨论了",
    "报告了",
    "承认",
    "关切地注意到",
]
ZH_OBJECTS = [
    "技术援助的需求",
    "资产追回方面的进展",
    "私营部门的廉正",
    "反洗钱措施",
    "公约第五章的执行情况",
    "国际合作的挑战",
    "利益冲突的申报制度",
    "举报人保护",
    "公共采购的透明度",
    "司法机关的独立性",
    "贿赂犯罪的定罪",
    "没收犯罪所得",
    "引渡和司法协助",
    "能力建设活动",
    "数据收集方法",
    "预防腐败机构的作用",
    "受益所有权信息",
    "被盗资产的返还",
    "腐败风险评估",
    "公职人员的行为守则",
]
ZH_MODIFIERS = [
    "在第八届会议上",
    "根据第6/1号决议",
    "在维也纳举行的会议期间",
    "以协商一致方式",
    "在各区域组内",
    "在审议的第二周期",
    "在2019年",
    "依照公约第63条",
    "在闭会期间",
    "在执行情况审议机制框架内",
]
ZH_CONNECTORS = ["并", "同时", "此外还", "为此", "并且"]

EN_SUBJECTS = [
    "The Conference of the States Parties",
    "The Implementation Review Group",
    "The secretariat",
    "States parties",
    "The Working Group on Prevention",
    "The Working Group on Asset Recovery",
    "The expert meeting on international cooperation",
    "The Bureau",
    "Several speakers",
    "One representative",
    "Regional organizations",
    "National authorities",
    "Governmental experts",
    "Parliaments",
]
EN_VERBS = [
    "noted",
    "welcomed",
    "emphasized",
    "called for",
    "decided to consider",
    "requested",
    "encouraged",
    "reaffirmed",
    "appreciated",
    "recommended",
    "discussed",
    "reported on",
    "acknowledged",
    "expressed concern about",
]
EN_OBJECTS = [
    "the need for technical assistance",
    "progress in asset recovery",
    "integrity in the private sector",
    "measures against money-laundering",
    "the implementation of chapter V of the Convention",
    "challenges in international cooperation",
    "systems for declaring conflicts of interest",
    "the protection of reporting persons",
    "transparency in public procurement",
    "the independence of the judiciary",
    "the criminalization of bribery",
    "the confiscation of proceeds of crime",
    "extradition and mutual legal assistance",
    "capacity-building activities",
    "methods of data collection",
    "the role of anti-corruption bodies",
    "beneficial ownership information",
    "the return of stolen assets",
    "corruption risk assessments",
    "codes of conduct for public officials",
]
EN_MODIFIERS = [
    "At its eighth session,",
    "In accordance with resolution 6/1,",
    "During the meeting held in Vienna,",
    "By consensus,",
    "Within the regional groups,",
    "In the second review cycle,",
    "In 2019,",
    "Pursuant to article 63 of the Convention,",
    "During the intersessional period,",
    "Within the framework of the Implementation Review Mechanism,",
]
EN_CONNECTORS = ["and", "while also", "and further", "and to that end"]


def _zh_sentence(rng: random.Random) -> str:
    parts = []
    if rng.random() < 0.4:
        parts.append(rng.choice(ZH_MODIFIERS) + "，")
    parts.append(rng.choice(ZH_SUBJECTS) + rng.choice(ZH_VERBS) + rng.choice(ZH_OBJECTS))
    for _ in range(rng.randint(0, 2)):
        separator = rng.choice(["，", "、", "；", "，"])
        parts.append(separator + rng.choice(ZH_CONNECTORS) + rng.choice(ZH_VERBS) + rng.choice(ZH_OBJECTS))
    return "".join(parts) + "。"


def _en_sentence(rng: random.Random) -> str:
    parts = []
    if rng.random() < 0.4:
        parts.append(rng.choice(EN_MODIFIERS))
    subject = rng.choice(EN_SUBJECTS)
    parts.append(subject if not parts else subject[0].lower() + subject[1:])
    parts.append(rng.choice(EN_VERBS) + " " + rng.choice(EN_OBJECTS))
    for _ in range(rng.randint(0, 2)):
        parts.append(rng.choice([",", ";", ""]) + " " + rng.choice(EN_CONNECTORS))
        parts.append(rng.choice(EN_VERBS) + " " + rng.choice(EN_OBJECTS))
    return " ".join(parts).replace(" ,", ",").replace(" ;", ";") + "."


def paragraphs(n: int, seed: int = 2024) -> Iterator[tuple[str, str]]:
    """n (language, text) pairs: 50 Chinese paragraphs, 50 English ones, and so on."""
    rng = random.Random(seed)
    for i in range(n):
        if (i // PER_VERSION) % 2 == 0:
            yield "zh", "".join(_zh_sentence(rng) for _ in range(rng.randint(1, 4)))
        else:
            yield "en", " ".join(_en_sentence(rng) for _ in range(rng.randint(1, 3)))


def documents(n: int, seed: int = 2024) -> Iterator[tuple[str, str, str]]:
    """The same paragraphs as documents to parse: (symbol, language, text with numbered paragraphs
    separated by blank lines), one per 50 paragraphs."""
    batch: list[str] = []
    language = "zh"
    version = 0
    for language, text in paragraphs(n, seed):
        batch.append(f"{len(batch) + 1}. {text}")
        if len(batch) == PER_VERSION:
            yield f"CAC/COSP/BENCH/{version // 2 + 1}", language, "\n\n".join(batch)
            version += 1
            batch = []
    if batch:
        yield f"CAC/COSP/BENCH/{version // 2 + 1}", language, "\n\n".join(batch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    for language, text in paragraphs(args.paragraphs, args.seed):
        print(f"[{language}] {text}")


if __name__ == "__main__":
    main()
