"""The pipeline board and the insights page in real Chromium, at desktop and phone widths:
move a card with the keyboard (its "Move to" list) and by drag and drop, hear the move in
the live region, then read a chart and its data table on the insights page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from entregent.accounts.models import User
from entregent.pipeline.models import Opportunity
from entregent.pipeline.services import opportunity_create
from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_move_across_the_board_then_read_the_insights(signed_in: Any, ada: User) -> None:
    page = signed_in
    acme = opportunity_create(owner=ada, title="Acme redesign", next_step="Send the pitch")
    globex = opportunity_create(owner=ada, title="Globex shop")
    page.goto("/pipeline/?kind=dream_client")
    expect(page.get_by_role("heading", name="Pipeline", exact=True)).to_be_visible()

    # Keyboard: choose the stage in the card's list, then press its Move button.
    select = page.get_by_label("Move “Acme redesign” to")
    select.focus()
    select.select_option("reached_out")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#board-status")).to_have_text("“Acme redesign” moved to Reached out.")
    expect(page.locator(f'section[data-stage="reached_out"] #opp-{acme.pk}')).to_be_visible()
    # Focus stays on the moved card's list, so the next move is one keystroke away.
    expect(page.locator(f"#move-{acme.pk}")).to_be_focused()
    assert Opportunity.objects.get(pk=acme.pk).stage == "reached_out"

    if page.viewport_name == "desktop":
        # Drag and drop (the card by its title) onto another column.
        page.locator(f"#opp-{globex.pk} .opp-title").drag_to(
            page.locator('section[data-stage="call_booked"]')
        )
        expect(page.locator(f'section[data-stage="call_booked"] #opp-{globex.pk}')).to_be_visible()
        expect(page.locator("#board-status")).to_have_text("“Globex shop” moved to Call booked.")
        assert Opportunity.objects.get(pk=globex.pk).stage == "call_booked"
        pitched = "2"
    else:
        # On a phone the columns scroll sideways inside the board, not the page.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        pitched = "1"
    shot(page, "pipeline-board")

    page.goto("/pipeline/insights/")
    funnel = page.locator("#insights-funnel-figure")
    expect(funnel.get_by_role("img", name="Pipeline funnel")).to_be_visible()
    funnel.get_by_text("Show the data").click()
    row = funnel.get_by_role("row", name="Pitched")
    expect(row).to_be_visible()
    expect(row.get_by_role("cell").first).to_have_text(pitched)
    expect(page.get_by_role("img", name="Network growth per month")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, "insights")
