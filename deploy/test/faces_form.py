#!/usr/bin/env python3
"""Prints the urlencoded body that submitting one Faces form of a saved HTML page would send (deploy tests).

Usage: faces_form.py PAGE.html FORM_ID BUTTON_ID [NAME=VALUE ...]
Every input, textarea and selected option of the form is sent, plus the button; NAME=VALUE pairs replace a field
(NAME without the form prefix, e.g. title=New). Fails naming the page when the form, button or a field is missing.
"""
import sys
from html.parser import HTMLParser
from urllib.parse import urlencode


class FormFields(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.found = form_id, False, False
        self.fields, self.buttons = [], set()
        self.textarea = self.select = None
        self.select_first = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = self.found = True
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image"):
                self.buttons.add(name)
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append([name, a.get("value", "on")])
            elif kind != "file":
                self.fields.append([name, a.get("value", "")])
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
            self.fields.append(self.textarea)
        elif tag == "select" and name:
            self.select, self.select_first = name, None
        elif tag == "option" and self.select:
            if self.select_first is None:
                self.select_first = a.get("value", "")
            if "selected" in a:
                self.fields.append([self.select, a.get("value", "")])
                self.select = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select" and self.select:
            self.fields.append([self.select, self.select_first or ""])
            self.select = None


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    page, form_id, button_id, changes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    parser = FormFields(form_id)
    parser.feed(open(page, encoding="utf-8").read())
    if not parser.found:
        sys.exit(f"{page}: no form with id '{form_id}'")
    button = f"{form_id}:{button_id}"
    if button not in parser.buttons:
        sys.exit(f"{page}: form '{form_id}' has no button '{button}' (buttons: {sorted(parser.buttons)})")
    fields = parser.fields
    for change in changes:
        name, _, value = change.partition("=")
        full = f"{form_id}:{name}"
        hits = [f for f in fields if f[0] == full]
        if not hits:
            sys.exit(f"{page}: form '{form_id}' has no field '{full}'")
        for f in hits:
            f[1] = value
    print(urlencode([tuple(f) for f in fields] + [(button, "x")]), end="")


if __name__ == "__main__":
    main()
