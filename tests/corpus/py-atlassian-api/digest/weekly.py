"""Build and publish the weekly engineering digest."""

import datetime as dt
import logging
import os

from jinja2 import Environment, FileSystemLoader

from digest.clients import bitbucket, confluence, jira

log = logging.getLogger("digest")
REPOS = [("acme", "platform-api"), ("acme", "web-app")]
SPACE = "ENG"


def resolved_last_week(project: str) -> list[dict]:
    result = jira.jql(f"project = {project} AND resolved >= -7d ORDER BY resolved", fields=["summary", "assignee"],
                      limit=100)
    return result["issues"]


def open_pull_requests() -> list[dict]:
    prs = []
    for workspace, slug in REPOS:
        repo = bitbucket.repositories.get(workspace, slug)
        for pr in repo.pullrequests.each(q='state="OPEN"'):
            prs.append({"repo": slug, "title": pr.title, "author": pr.author.display_name})
    return prs


def design_docs() -> list[dict]:
    found = confluence.cql(f'space = {SPACE} AND label = "design" AND lastmodified > now("-7d")', limit=50)
    return found.get("results", [])


def publish(html: str) -> str:
    parent_id = confluence.get_page_id(SPACE, "Weekly digests")
    title = f"Digest {dt.date.today().isoformat()}"
    page = confluence.create_page(SPACE, title, html, parent_id=parent_id, representation="storage")
    return page["_links"]["base"] + page["_links"]["webui"]


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    env = Environment(loader=FileSystemLoader("templates"), autoescape=True)
    html = env.get_template("digest.html.j2").render(
        resolved=resolved_last_week("PLAT"), prs=open_pull_requests(), docs=design_docs()
    )
    link = publish(html)
    ticket = os.environ.get("DIGEST_TICKET", "PLAT-1")
    jira.issue_add_comment(ticket, f"This week's digest: {link}")
    jira.set_issue_status(ticket, "Done")
    me = jira.get("rest/api/3/myself")
    log.info("published %s as %s", link, me["displayName"])


if __name__ == "__main__":
    main()
