"""The use cases that write: one class per area, each naming what it stands on.

Every class takes the `Database` (its units of work) and the `Clock`, plus
whatever else it needs by name; none reaches another through `self`. Each
method is one short transaction and hands back an id or a frozen view.
"""
