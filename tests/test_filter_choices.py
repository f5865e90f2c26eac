"""The sidebar's long filters (app_pages.widgets.choose): a few choices sent, every one still reachable (AppTest)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from app_pages.widgets import OFFERED


def sectors_page() -> None:
    import streamlit as st

    from app_pages import widgets

    chosen = widgets.choose("Sector", [(f"Sector:s{i}", f"Topic number {i} (s{i})") for i in range(1000)], "t_sectors")
    st.write(f"chosen: {','.join(chosen)}")


def short_page() -> None:
    from app_pages import widgets

    widgets.choose("Quality label", [("QualityLabel:gold", "Gold"), ("QualityLabel:silver", "Silver")], "t_labels")


def test_a_long_filter_sends_a_few_choices_and_finds_any_other():
    at = AppTest.from_function(sectors_page).run()
    assert len(at.multiselect(key="t_sectors").options) == OFFERED
    at.text_input(key="t_sectors_find").input("number 999").run()
    assert at.multiselect(key="t_sectors").options == ["Topic number 999 (s999)"]
    at.multiselect(key="t_sectors").select("Sector:s999").run()
    at.text_input(key="t_sectors_find").input("").run()  # the choice stays, though past the first OFFERED
    assert at.multiselect(key="t_sectors").value == ["Sector:s999"]
    assert "Topic number 999 (s999)" in at.multiselect(key="t_sectors").options
    assert at.markdown[-1].value == "chosen: Sector:s999"


def test_a_link_with_a_choice_past_the_first_ones_opens_with_it_chosen():
    at = AppTest.from_function(sectors_page)
    at.query_params["t_sectors"] = "Topic number 777 (s777)"  # a bound multiselect keeps labels in the URL
    at.run()
    assert at.multiselect(key="t_sectors").value == ["Sector:s777"]


def test_a_short_filter_has_no_find_box():
    at = AppTest.from_function(short_page).run()
    assert not at.text_input and at.multiselect(key="t_labels").options == ["Gold", "Silver"]


def places_page() -> None:
    from app_pages import widgets

    regions = [(f"Region:SE{i:03d}", f"Region {i} (SE{i:03d})") for i in range(300)]
    widgets.choose("Country or region", [("Country:SE", "Sweden (SE)"), ("Country:FI", "Finland (FI)"), *regions],
                   "t_places")


def test_a_country_is_found_by_its_own_name():
    """"Sverige" found Swedish regions but not Sweden, though the store knows the country by that name too."""
    at = AppTest.from_function(places_page).run()
    at.text_input(key="t_places_find").input("Sverige").run()
    assert at.multiselect(key="t_places").options == ["Sweden (SE)"]
    at.text_input(key="t_places_find").input("suomi").run()
    assert at.multiselect(key="t_places").options == ["Finland (FI)"]


def countries_page() -> None:
    from app_pages import widgets

    widgets.choose("Countries", [("Country:NO", "Norway (NO)"), ("Country:DE", "Germany (DE)")], "t_countries")


def test_a_short_list_of_countries_finds_them_by_their_own_names():
    """Metrics' Countries (152, fewer than OFFERED) had no Find box, and the widget's own filter reads labels only:
    "Norge" found no Norway, where Explore's and Partners' boxes found it."""
    at = AppTest.from_function(countries_page).run()
    at.text_input(key="t_countries_find").input("Norge").run()
    assert at.multiselect(key="t_countries").options == ["Norway (NO)"]
    at.text_input(key="t_countries_find").input("Tyskland").run()
    assert at.multiselect(key="t_countries").options == ["Germany (DE)"]


def test_a_links_value_that_is_no_choice_is_said_and_one_by_key_is_chosen():
    """`?explore_labels=ESCA Platinum` showed the unfiltered view and said nothing; a choice's key in the link
    (`QualityLabel:silver`, the form the pickers of nodes keep) was dropped as well."""
    at = AppTest.from_function(short_page)
    at.query_params["t_labels"] = ["Platinum", "QualityLabel:silver"]
    at.run()
    assert at.multiselect(key="t_labels").value == ["QualityLabel:silver"]
    assert at.query_params["t_labels"] == "Silver"  # in the widget's own form: a link of the address chooses it
    assert [c.value for c in at.caption] == ["The link asked for “Platinum”, which is not among the choices here: "
                                             "left out."]
    at.multiselect(key="t_labels").select("QualityLabel:gold").run()  # another choice: the link is left behind
    assert not at.caption


def named_places_page() -> None:
    from app_pages import widgets

    widgets.choose("Country or region", [("Country:SE", "Sweden (SE)"), ("Country:NO", "Norway (NO)"),
                                         ("Region:SE2", "Södra Sverige (SE2)"), ("Region:SE22", "Sydsverige (SE22)"),
                                         ("Region:XX1", "Twin (XX1)"), ("Region:XX2", "Twin (XX2)")], "t_places")


def test_a_links_value_is_taken_by_name_id_or_label_in_any_case():
    """`?explore_places=Sweden` or `sweden` had been said to be no choice: the link had to hold the label as shown,
    `Sweden (SE)`. A name two choices share (`twin`) is still no choice, and said."""
    at = AppTest.from_function(named_places_page)
    at.query_params["t_places"] = ["sweden", "no", "SODRA SVERIGE", "region:se22", "twin"]
    at.run()
    assert at.multiselect(key="t_places").value == ["Country:SE", "Country:NO", "Region:SE2", "Region:SE22"]
    assert [c.value for c in at.caption] == ["The link asked for “twin”, which is not among the choices here: "
                                             "left out."]


def roles_page() -> None:
    from app_pages import widgets

    widgets.choose("Roles to fill", [("coordinator", "coordinator"), ("Sector:ai", "AI (ai)")], "t_roles")


def test_a_link_naming_a_choice_whose_key_is_its_label_opens_with_it():
    """Partners' "coordinator" is its own key and label: read as a key to rename, it made the page run again and
    again."""
    at = AppTest.from_function(roles_page)
    at.query_params["t_roles"] = ["coordinator", "Sector:ai"]
    at.run()
    assert at.multiselect(key="t_roles").value == ["coordinator", "Sector:ai"] and not at.caption
