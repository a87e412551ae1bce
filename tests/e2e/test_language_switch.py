"""A visitor switches the interface language with the header's form: Chinese, Arabic, back to English."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def switch_language(page, *, label: str, button: str, language: str) -> None:
    """Use the switcher as a person would: its label and button are in the current language."""
    page.get_by_label(label, exact=True).select_option(language)
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def test_switching_to_chinese_then_arabic_then_back_to_english(page, screenshot):
    page.goto("/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "en")

    switch_language(page, label="Language", button="Change", language="zh-hans")
    expect(html).to_have_attribute("lang", "zh-hans")
    expect(html).to_have_attribute("dir", "ltr")
    nav = page.get_by_role("navigation", name="主导航")
    expect(nav.get_by_role("link")).to_have_text(
        [
            "首页",
            "国家",
            "《公约》",
            "会议",
            "会议成果",
            "履约审议",
            "资料库",
            "主管机关",
            "技术援助",
            "资产追回",
            "文件",
            "搜索",
            "应用程序接口",
        ]
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("《公约》各项机制，汇于一处")

    switch_language(page, label="语言", button="切换", language="ar")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    nav = page.get_by_role("navigation", name="القائمة الرئيسية")
    expect(nav.get_by_role("link")).to_have_text(
        [
            "الصفحة الرئيسية",
            "الدول",
            "الاتفاقية",
            "الاجتماعات",
            "النتائج",
            "الاستعراضات",
            "المستودع",
            "السلطات",
            "المساعدة التقنية",
            "استرداد الموجودات",
            "الوثائق",
            "البحث",
            "واجهة برمجة التطبيقات",
        ]
    )
    expect(page.get_by_role("link", name="تسجيل الدخول")).to_be_visible()
    screenshot("e2e-home-ar")

    switch_language(page, label="اللغة", button="تغيير", language="en")
    expect(html).to_have_attribute("lang", "en")
    expect(html).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("navigation", name="Main").get_by_role("link")).to_have_text(
        [
            "Home",
            "States",
            "The Convention",
            "Meetings",
            "Outcomes",
            "Reviews",
            "Repository",
            "Authorities",
            "Assistance",
            "Asset recovery",
            "Documents",
            "Search",
            "API",
        ]
    )
