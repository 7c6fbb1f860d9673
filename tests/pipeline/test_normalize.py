from drafter.normalize import normalize_appeal_text


def test_html_from_pos_becomes_plain_lines():
    raw = (
        "<p>По фасаду дома&nbsp;по адресу ул. Урицкого 22</p><p>проходит труба&quot;газа&quot;</p>"
    )
    assert (
        normalize_appeal_text(raw)
        == 'По фасаду дома по адресу ул. Урицкого 22\nпроходит труба"газа"'
    )


def test_vk_mentions_keep_the_name_and_drop_ids():
    raw = "[id12345|Ирина Смирнова], [club777|Администрация района] когда уберут снег? @id999"
    assert normalize_appeal_text(raw) == "Ирина Смирнова, Администрация района когда уберут снег?"


def test_emoji_urls_and_whitespace_are_removed():
    raw = "Яма   на дороге 😡😡\r\n\r\n\r\n\r\nфото: https://vk.com/photo1_2  "
    assert normalize_appeal_text(raw) == "Яма на дороге\n\nфото:"


def test_portal_masks_do_not_reach_the_model():
    assert "XXXX" not in normalize_appeal_text("Звоните XXXXXXX, квартира XXXX")


def test_markup_only_text_normalises_to_empty():
    assert normalize_appeal_text("<p>&nbsp;</p> 👍") == ""
