"""Screenshots of what each demo user sees, on a desktop and on a phone.

Run `make run` in one terminal, then `make screenshots` in another. The pictures land in
var/screenshots/ (not in git): look at them before calling a change done.
"""

import argparse
import os
from pathlib import Path

from playwright.sync_api import sync_playwright

USERS = ["admin", "staff", "leader", "liaison_taozhou", "liaison_kfq"]
PAGES = [
    ("home", "/"),
    ("enterprises", "/enterprises/"),
    ("enterprise-detail", None),  # the first enterprise of the list
    ("enterprise-new", "/enterprises/new/"),
]
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--password", default="guangde-demo")
    parser.add_argument("--out", default="var/screenshots")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    launch = ["--disable-gpu", "--disable-background-networking", "--no-first-run"]
    if os.geteuid() == 0:
        launch.append("--no-sandbox")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("PLAYWRIGHT_CHROMIUM", "/usr/bin/chromium"),
            args=launch,
        )
        for user in USERS:
            for size, viewport in VIEWPORTS.items():
                context = browser.new_context(viewport=viewport, device_scale_factor=1)
                page = context.new_page()
                page.goto(f"{args.base_url}/accounts/login/")
                page.fill("#id_username", user)
                page.fill("#id_password", args.password)
                page.click("button[type=submit]")
                page.wait_for_url(f"{args.base_url}/")
                for name, path in PAGES:
                    if path is None:
                        page.goto(f"{args.base_url}/enterprises/")
                        page.click("[data-testid=enterprise-table] tbody a >> nth=0")
                    else:
                        page.goto(args.base_url + path)
                    page.screenshot(path=out / f"{user}-{name}-{size}.png", full_page=True)
                context.close()
        browser.close()
    print(f"Screenshots in {out}/")


if __name__ == "__main__":
    main()
