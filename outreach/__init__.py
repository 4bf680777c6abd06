"""Science popularisation: themes, events, bases, awards and societies (plan section 五).

Models arrive with the science-popularisation issue; the app is registered now so the
layout and navigation are stable.
"""
