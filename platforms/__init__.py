"""Innovation platforms: R&D centres, incubators, maker spaces (plan section 三).

Models arrive with the platforms issue; the app is registered now so the layout and
navigation are stable.
"""
