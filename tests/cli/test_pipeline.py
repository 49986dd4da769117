"""`entregent pipeline list|add|move|show|next|funnel` and `entregent insights`."""

from __future__ import annotations

import datetime as dt
import json

from django.utils import timezone

from entregent.pipeline.models import Opportunity, StageChange
from entregent.pipeline.services import opportunity_create, opportunity_move


def test_add_move_show_list(as_alice, alice, dana):
    result = as_alice(
        "pipeline", "add", "Acme redesign", "--person", "Dana", "--next-step", "Pitch", "--json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["people"] == [{"id": dana.pk, "full_name": "Dana Whitfield"}]
    pk = data["id"]
    result = as_alice("pipeline", "move", pk, "call-booked", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["stage"] == "call_booked"
    shown = json.loads(as_alice("pipeline", "show", pk, "--json").stdout)
    assert [(h["from"], h["to"]) for h in shown["history"]] == [
        ("", "idea"),
        ("idea", "call_booked"),
    ]
    assert "Call booked" in as_alice("pipeline", "show", pk).stdout
    listed = json.loads(as_alice("pipeline", "list", "--kind", "dream-client", "--json").stdout)
    assert listed["count"] == 1
    assert "Acme redesign" in as_alice("pipeline", "list").stdout


def test_bad_stage_names_the_field(as_alice, alice):
    opp = opportunity_create(owner=alice, title="Acme")
    result = as_alice("pipeline", "move", opp.pk, "dreaming")
    assert result.exit_code != 0
    assert "stage" in result.output
    assert StageChange.objects.filter(opportunity=opp).count() == 1


def test_another_owners_opportunity_is_not_found(as_bob, alice):
    opp = opportunity_create(owner=alice, title="Acme")
    result = as_bob("pipeline", "move", opp.pk, "won")
    assert result.exit_code != 0
    assert Opportunity.objects.get(pk=opp.pk).stage == "idea"


def test_next_lists_due_steps_and_plans_referral_followups(as_alice, alice, dana):
    today = timezone.localdate()
    opportunity_create(owner=alice, title="Late", next_step="Call", next_step_on=today)
    opportunity_create(
        owner=alice,
        title="Intro",
        kind="referral",
        asked_person=dana,
        asked_on=today - dt.timedelta(days=8),
        stage="reached_out",
    )
    data = json.loads(as_alice("pipeline", "next", "--json").stdout)
    assert [o["title"] for o in data["next_steps"]] == ["Late"]
    assert len(data["referral_followups_planned"]) == 1
    again = json.loads(as_alice("pipeline", "next", "--json").stdout)
    assert again["referral_followups_planned"] == []


def test_funnel(as_alice, alice):
    for i in range(3):
        opp = opportunity_create(owner=alice, title=f"C{i}", stage="reached_out")
    opportunity_move(opportunity=opp, stage="call_booked")
    data = {f["kind"]: f for f in json.loads(as_alice("pipeline", "funnel", "--json").stdout)}
    assert data["dream_client"]["summary"] == "3 pitched → 1 calls booked"
    assert "Dream client" in as_alice("pipeline", "funnel").stdout


def test_insights_json_and_tables(as_alice, alice):
    opportunity_create(owner=alice, title="Acme", stage="reached_out")
    data = json.loads(as_alice("insights", "--json").stdout)
    ids = [c["id"] for c in data["charts"]]
    assert "insights-funnel" in ids
    assert "insights-giving" in ids
    text = as_alice("insights").stdout
    assert "Pipeline funnel" in text
