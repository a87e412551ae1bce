"""Classifying resolution paragraphs: a table of paragraphs written for these tests in both languages,
then the seventh session's report (../shared/samples), checked by hand against the sample."""

import pytest

from cosp.documents.extraction.readers import read_file
from cosp.documents.extraction.structure import extract
from cosp.outcomes.extraction.classify import (
    Classification,
    ProposedMandate,
    classify,
    find_due_session,
    find_report_to,
    propose_mandates,
)
from tests.helpers import SHARED, skip_or_fail

pytestmark = [pytest.mark.unit]

PRE, OP = "preambular", "operative"

# (text, numbered, kind, verb, verb as written, addressees, operational)
ENGLISH = [
    ("Recalling its resolution 9/3 on the follow-up to the special session,", False,
     PRE, "recalls", "Recalling", [], False),
    ("Noting with appreciation the work done by the secretariat on the thematic reports,", False,
     PRE, "notes", "Noting with appreciation", [], False),
    ("Bearing in mind that preventing corruption is a responsibility all States share,", False,
     PRE, "bears in mind", "Bearing in mind", [], False),
    ("Deeply concerned about the effect of corruption on public trust,", False,
     PRE, "expresses concern", "Deeply concerned", [], False),
    ("Requests the Secretariat to prepare a study on asset declaration systems and to report thereon to "
     "the Conference at its twelfth session;", True,
     OP, "requests", "Requests", ["secretariat"], True),
    ("Also requests the United Nations Office on Drugs and Crime, within existing resources, to keep "
     "assisting States parties upon request;", True,
     OP, "requests", "Also requests", ["secretariat"], True),
    ("Urges States parties that have not yet done so to designate a central authority;", True,
     OP, "urges", "Urges", ["states_parties"], True),
    ("Calls upon States parties and signatories to share information on their good practices;", True,
     OP, "calls upon", "Calls upon", ["states_parties", "signatories"], True),
    ("Invites States parties and other donors to provide extrabudgetary resources for the purposes "
     "of the present resolution;", True,
     OP, "invites", "Invites", ["states_parties", "donors"], True),
    ("Welcomes the report of the Working Group on Asset Recovery, and requests the Secretariat to make it "
     "available on its website;", True,
     OP, "welcomes", "Welcomes", ["secretariat"], True),
    ("Takes note of the report of the Secretariat on technical assistance;", True,
     OP, "takes note", "Takes note", [], False),
    ("Decides that the Implementation Review Group shall hold a resumed session and report to the "
     "Conference at its thirteenth session;", True,
     OP, "decides", "Decides", ["irg"], True),
    ("Further encourages the Open-ended Intergovernmental Working Group on the Prevention of Corruption to "
     "keep discussing the protection of reporting persons;", True,
     OP, "encourages", "Further encourages", ["wg_prevention"], True),
    ("Reaffirms the importance of the Convention as the only universal anti-corruption instrument;", True,
     OP, "reaffirms", "Reaffirms", [], False),
    ("Expresses its appreciation to the host Government for the arrangements made for the session;", True,
     OP, "expresses appreciation", "Expresses its appreciation", [], False),
    ("Instructs the expert meeting to enhance international cooperation to hold two meetings before the "
     "next session of the Conference;", True,
     OP, "instructs", "Instructs", ["eg_international_cooperation"], True),
    ("Requests the Executive Director to report to the Implementation Review Group on the implementation "
     "of the present resolution;", True,
     OP, "requests", "Requests", ["executive_director"], True),
    ("Endorses the workplan adopted by the Implementation Review Group;", True,
     OP, "endorses", "Endorses", [], False),
    # No `numbered`: the kind is read from the verb form.
    ("Stresses the need for reliable data on corruption;", None,
     OP, "stresses", "Stresses", [], False),
    ("Welcoming the entry into force of the Convention for two more States,", None,
     PRE, "welcomes", "Welcoming", [], False),
    ("2. Encourages Member States and civil society organizations to raise awareness of corruption;", None,
     OP, "encourages", "Encourages", ["member_states", "civil_society"], True),
    # A declaration speaks in the first person.
    ("We request the Conference of the States Parties to keep the implementation of this declaration "
     "under review.", None,
     OP, "requests", "request", ["conference"], True),
]  # fmt: skip

CHINESE = [
    ("回顾其关于特别会议后续行动的第9/3号决议，", False,
     PRE, "recalls", "回顾", [], False),
    ("赞赏地注意到秘书处为编写专题报告所做的工作，", False,
     PRE, "notes", "赞赏地注意到", [], False),
    ("铭记预防腐败是所有国家的共同责任，", False,
     PRE, "bears in mind", "铭记", [], False),
    ("请秘书处编写一份关于资产申报制度的研究报告，并向缔约国会议第十二届会议报告；", True,
     OP, "requests", "请", ["secretariat"], True),
    ("又请联合国毒品和犯罪问题办公室在现有资源范围内继续根据请求协助缔约国；", True,
     OP, "requests", "又请", ["secretariat"], True),
    ("促请尚未指定中央机关的缔约国尽快指定中央机关；", True,
     OP, "urges", "促请", ["states_parties"], True),
    ("吁请缔约国和签署国交流良好做法信息；", True,
     OP, "calls upon", "吁请", ["states_parties", "signatories"], True),
    # 请 to States and donors is "invites" (classify.py's docstring says why).
    ("请各缔约国和其他捐助方按照联合国规则和程序为本决议所述目的提供预算外资源。", True,
     OP, "invites", "请", ["states_parties", "donors"], True),
    ("邀请会员国分享相关经验；", True,
     OP, "invites", "邀请", ["member_states"], True),
    ("欢迎资产追回问题不限成员名额政府间工作组的报告，并请秘书处在其网站上公布该报告；", True,
     OP, "welcomes", "欢迎", ["secretariat"], True),
    ("注意到秘书处关于技术援助的报告；", True,
     OP, "notes", "注意到", [], False),
    ("决定实施情况审议组应举行续会，并向缔约国会议第十三届会议报告；", True,
     OP, "decides", "决定", ["irg"], True),
    ("鼓励预防腐败问题不限成员名额政府间工作组继续讨论保护举报人问题；", True,
     OP, "encourages", "鼓励", ["wg_prevention"], True),
    ("还请执行主任向实施情况审议组报告本决议的执行情况；", True,
     OP, "requests", "还请", ["executive_director"], True),
    ("进一步请国际合作专家会议在缔约国会议下届会议之前举行两次会议；", True,
     OP, "requests", "进一步请", ["eg_international_cooperation"], True),
    ("重申《公约》作为唯一普遍适用的反腐败文书的重要性；", True,
     OP, "reaffirms", "重申", [], False),
    ("同时鼓励捐助方支持小岛屿发展中国家的技术援助需求；", True,
     OP, "encourages", "同时鼓励", ["donors"], True),
    ("也请秘书长将本决议转交各会员国；", True,
     OP, "requests", "也请", ["secretary_general"], True),
    ("核可实施情况审议组通过的多年期工作计划；", True,
     OP, "endorses", "核可", [], False),
    # No `numbered`: a comma closes a preambular paragraph, a semicolon an operative one.
    ("强调民间社会在预防腐败方面的作用，", None,
     PRE, "emphasizes", "强调", [], False),
    ("强调民间社会在预防腐败方面的作用；", None,
     OP, "emphasizes", "强调", [], False),
    # 鼓励 after a bare comma is what the States parties are asked to do, not a request of its own.
    ("吁请缔约国在各自参加的组织内，鼓励这些组织的秘书处加强合作；", True,
     OP, "calls upon", "吁请", ["states_parties"], True),
    # A preambular paragraph quoting an earlier resolution asks nobody anything.
    ("回顾其第6/3号决议，在该决议中，缔约国会议请秘书处继续收集资料，", False,
     PRE, "recalls", "回顾", [], False),
    ("我们还请公约缔约国会议继续审议本宣言的执行情况。", None,
     OP, "requests", "还请", ["conference"], True),
    # The paragraph's number and the spaces PDF conversion leaves are ignored.
    ("12. 还 请 秘书处在现有资源范围内协助缔约国；", None,
     OP, "requests", "还请", ["secretariat"], True),
]  # fmt: skip


def _ids(table):
    return [row[0][:24] for row in table]


@pytest.mark.parametrize(
    ("text", "numbered", "kind", "verb", "verb_text", "addressees", "operational"), ENGLISH, ids=_ids(ENGLISH)
)
def test_english_paragraph_is_classified(text, numbered, kind, verb, verb_text, addressees, operational):
    assert classify(text, "en", numbered=numbered) == Classification(
        kind, verb, verb_text, addressees, operational
    )


@pytest.mark.parametrize(
    ("text", "numbered", "kind", "verb", "verb_text", "addressees", "operational"), CHINESE, ids=_ids(CHINESE)
)
def test_chinese_paragraph_is_classified(text, numbered, kind, verb, verb_text, addressees, operational):
    assert classify(text, "zh", numbered=numbered) == Classification(
        kind, verb, verb_text, addressees, operational
    )


def test_a_paragraph_without_a_verb_has_none():
    assert classify("联合国反腐败公约缔约国会议，", "zh", numbered=False) == Classification(
        PRE, None, None, [], False
    )
    assert classify("The Conference of the States Parties,", "en") == Classification(
        PRE, None, None, [], False
    )


def test_mandate_names_action_due_session_and_report_to_in_english():
    assert propose_mandates(ENGLISH[4][0], "en", numbered=True) == [
        ProposedMandate(
            "secretariat",
            "prepare a study on asset declaration systems and to report thereon to the Conference at its "
            "twelfth session",
            "COSP 12",
            "conference",
        )
    ]


def test_mandate_names_action_due_session_and_report_to_in_chinese():
    assert propose_mandates("请秘书处编写一份研究报告，并向缔约国会议第十二届会议报告；", "zh") == [
        ProposedMandate(
            "secretariat", "编写一份研究报告，并向缔约国会议第十二届会议报告", "COSP 12", "conference"
        )
    ]


def test_every_addressee_asked_gets_a_mandate():
    mandates = propose_mandates("邀请缔约国和其他捐助方为本决议所述目的提供预算外资源。", "zh", numbered=True)
    assert [(m.addressee, m.action) for m in mandates] == [
        ("states_parties", "为本决议所述目的提供预算外资源"),
        ("donors", "为本决议所述目的提供预算外资源"),
    ]


def test_addressees_asked_in_one_breath_share_the_action():
    text = "请毒品和犯罪问题办公室，并邀请追回被盗资产举措，继续提供能力建设援助；"
    assert [(m.addressee, m.action) for m in propose_mandates(text, "zh", numbered=True)] == [
        ("secretariat", "继续提供能力建设援助"),
        ("star_initiative", "继续提供能力建设援助"),
    ]


def test_a_later_clause_gets_its_own_mandate():
    text = (
        "Welcomes the report of the Working Group on Asset Recovery, invites States parties to consider its "
        "recommendations, and requests the Secretariat to report to the Implementation Review Group;"
    )
    assert propose_mandates(text, "en", numbered=True) == [
        ProposedMandate("states_parties", "consider its recommendations", None, None),
        ProposedMandate("secretariat", "report to the Implementation Review Group", None, "irg"),
    ]


def test_the_working_group_named_earlier_is_the_one_decided_on():
    text = "欣见资产追回问题不限成员名额政府间工作组的成果，并决定该工作组应继续开展工作；"
    assert classify(text, "zh", numbered=True).addressees == ["wg_asset_recovery"]


def test_informational_and_preambular_paragraphs_propose_no_mandate():
    assert propose_mandates("Notes the report of the Secretariat;", "en", numbered=True) == []
    assert propose_mandates("Requesting the Secretariat to report,", "en") == []
    assert propose_mandates("请秘书处继续收集资料，", "zh", numbered=False) == []


def test_a_clause_that_names_nobody_proposes_no_mandate():
    assert classify("要求加强各级的机构间合作；", "zh", numbered=True).operational
    assert propose_mandates("要求加强各级的机构间合作；", "zh", numbered=True) == []


@pytest.mark.parametrize(
    ("text", "language", "due"),
    [
        ("向缔约国会议第八届会议报告", "zh", "COSP 8"),
        ("向实施情况审议组第十届会议报告", "zh", "IRG 10"),
        ("在缔约国会议下届会议之前", "zh", "COSP next"),
        ("依循第十三届联合国预防犯罪和刑事司法大会的宣言", "zh", None),  # a Crime Congress
        ("to report to the Conference at its eighth session", "en", "COSP 8"),
        ("before the tenth session of the Implementation Review Group", "en", "IRG 10"),
        ("at its twenty-first session", "en", "COSP 21"),
        ("to report on its work", "en", None),
    ],
)
def test_due_session_is_normalised(text, language, due):
    assert find_due_session(text, language) == due


def test_report_to_prefers_the_body_whose_session_is_due():
    text = "向预防腐败问题不限成员名额政府间工作组闭会期间会议和缔约国会议第八届会议报告本决议的执行情况"
    assert find_report_to(text, "zh") == "wg_prevention"
    assert find_report_to(text, "zh", due="COSP 8") == "conference"


# --- The seventh session's report --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cosp7():
    path = SHARED / "samples" / "cosp7-report-2017.zh.txt"
    if not path.exists():
        skip_or_fail(f"../shared is absent: {path} not found")
    doc = extract(read_file(path))
    texts: dict[str, dict[str, str]] = {}
    for paragraph in doc.paragraphs:
        if paragraph.part and paragraph.number:
            texts.setdefault(paragraph.part, {})[paragraph.number] = paragraph.text
    return doc, texts


def op(cosp7, resolution, number):
    text = cosp7[1][f"第{resolution}号决议"][str(number)]
    return classify(text, "zh", numbered=True)


# (resolution, operative paragraph, verb, addressees), each read in the sample.
COSP7_OPERATIVE = [
    ("7/1", 1, "urges", ["states_parties"]),  # 促请所有缔约国……
    ("7/1", 3, "invites", ["states_parties"]),  # 请缔约国在……考虑
    ("7/1", 19, "calls for", []),  # 要求……加强机构间合作
    ("7/1", 22, "requests", ["secretariat", "states_parties"]),  # 请秘书处……，并鼓励缔约国……
    (
        "7/1",
        26,
        "requests",
        ["secretariat", "star_initiative"],
    ),  # 请毒品和犯罪问题办公室，并邀请追回被盗资产举措
    ("7/1", 27, "welcomes", ["states_parties", "eg_international_cooperation"]),  # ……邀请该会议……
    ("7/1", 32, "invites", ["states_parties", "donors"]),
    ("7/2", 6, "encourages", ["states_parties"]),  # 鼓励尚未确立财产申报制度的缔约国
    ("7/2", 14, "reaffirms", ["states_parties"]),  # 重申……，促请所有缔约国……
    ("7/2", 19, "invites", ["states_parties", "secretariat"]),  # ……还请联合国毒品和犯罪问题办公室……
    ("7/3", 4, "reaffirms", ["assistance_providers"]),  # ……并请技术援助提供方……
    ("7/3", 11, "encourages", ["states_parties", "secretariat"]),  # 鼓励受审议缔约国和收到请求的秘书处
    ("7/3", 16, "recommends", ["secretariat"]),  # 建议联合国毒品和犯罪问题办公室……
    ("7/3", 18, "invites", ["states_parties", "donors"]),  # 请各缔约国和其他捐助方……预算外资源
    ("7/4", 1, "requests", ["secretariat"]),
    ("7/4", 4, "calls upon", ["states_parties"]),  # ……，鼓励这些审议机制的秘书处: asked of States
    ("7/5", 1, "encourages", ["states_parties", "states"]),  # ……并敦促尚未批准或加入《公约》的所有国家
    ("7/5", 3, "decides", ["wg_prevention"]),
    ("7/5", 5, "reminds", []),
    ("7/6", 6, "welcomes", ["states_parties", "secretariat"]),
    ("7/6", 21, "emphasizes", ["member_states"]),  # ……并鼓励会员国……
    ("7/7", 3, "urges", ["states_parties", "donors", "assistance_providers"]),  # ……，包括其他发展伙伴，
    ("7/7", 6, "encourages", ["sids"]),
    ("7/8", 1, "affirms", []),
    ("7/8", 12, "requests", ["secretariat"]),
    ("7/8", 13, "invites", ["sports_organizations"]),
]


@pytest.mark.parametrize(("resolution", "number", "verb", "addressees"), COSP7_OPERATIVE)
def test_cosp7_operative_paragraph_verb_and_addressees(cosp7, resolution, number, verb, addressees):
    classification = op(cosp7, resolution, number)
    assert (classification.kind, classification.verb, classification.addressees) == (OP, verb, addressees)


def test_cosp7_preambular_paragraphs_carry_their_verbs(cosp7):
    doc, _texts = cosp7
    preamble = [p.text for p in doc.paragraphs if p.part == "第7/1号决议" and p.number is None]
    verbs = [classify(text, "zh", numbered=False).verb_text for text in preamble]
    # The body's name, then the preamble as read in the sample (lines 68-118).
    assert verbs[:8] == [None, "回顾", "认识到", "回顾", "又回顾", "还回顾", "回顾", "又回顾"]
    assert verbs[-3:] == ["鼓励", "赞赏地注意到", "铭记"]
    assert all(classify(text, "zh", numbered=False).operational is False for text in preamble)


def test_cosp7_informational_paragraphs_are_not_operational(cosp7):
    assert [op(cosp7, "7/1", n).operational for n in (15, 16)] == [False, True]  # 16: ……并促请缔约国……
    assert op(cosp7, "7/3", 8).operational is False  # 赞赏地欢迎秘书处……
    assert op(cosp7, "7/8", 4).operational is False  # 认识到……


# Operative paragraphs that ask the secretariat (or UNODC) to act, by resolution: every paragraph naming
# 秘书处 or 毒品和犯罪问题办公室 was read, and those where it is a partner or a subject only ("与秘书处分享",
# "在秘书处协助下", "赞赏地欢迎秘书处……") left out.
SECRETARIAT_MANDATES = {
    "7/1": [18, 22, 25, 26, 29, 30, 31],
    "7/2": [19],
    "7/3": [6, 7, 11, 16],
    "7/4": [1, 2, 3, 5],
    "7/5": [13, 14],
    "7/6": [6, 7, 12, 13, 15, 16, 17, 19, 22],
    "7/7": [9],
    "7/8": [12],
}


@pytest.mark.parametrize(("resolution", "numbers"), SECRETARIAT_MANDATES.items())
def test_cosp7_mandates_addressed_to_the_secretariat(cosp7, resolution, numbers):
    paragraphs = cosp7[1][f"第{resolution}号决议"]
    found = [
        int(number)
        for number, text in paragraphs.items()
        if any(m.addressee == "secretariat" for m in propose_mandates(text, "zh", numbered=True))
    ]
    assert found == numbers


def test_cosp7_reporting_mandates_name_their_session_and_body(cosp7):
    def secretariat(resolution, number):
        text = cosp7[1][f"第{resolution}号决议"][str(number)]
        return [
            (m.due, m.report_to)
            for m in propose_mandates(text, "zh", numbered=True)
            if m.addressee == "secretariat"
        ]

    assert secretariat("7/5", 14) == [("COSP 8", "conference")]
    assert secretariat("7/6", 22) == [("COSP 8", "conference")]
    assert secretariat("7/4", 5) == [(None, "irg")]
    assert secretariat("7/7", 9) == [(None, "conference")]


def test_cosp7_decision_clause_d_invites_states_and_requests_a_report(cosp7):
    doc, _texts = cosp7
    decision = next(p.text for p in doc.paragraphs if p.part == "第7/1号决定")
    clause_d = next(line for line in decision.splitlines() if line.startswith("(d)"))
    assert classify(clause_d, "zh", numbered=True).addressees == ["states_parties", "secretariat"]
    mandates = propose_mandates(clause_d, "zh", numbered=True)
    assert [(m.addressee, m.due, m.report_to) for m in mandates] == [
        ("states_parties", None, None),
        ("secretariat", "COSP 8", "conference"),
    ]
