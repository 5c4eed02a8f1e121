"""Ruby: what a user of `scopelint calls/check` sees on scripts, gems and apps.

Every client shape is in tests/scanning/fixtures/clients/ruby_clients.rb (each request
marked with its method and URL); here: what is not a call, suppressions, SL008 and the
gateway fix.
"""

from __future__ import annotations

from pathlib import Path

from lang_helpers import CLOUD_ID, extract, findings, rows, scopelint, write_tree


def test_routes_stubs_and_messages_are_not_calls() -> None:
    app = extract("app.rb", """\
        require 'sinatra'
        get '/rest/api/3/issue/:key' do
          logger.info "proxying https://acme.atlassian.net/rest/api/3/issue/#{params['key']}"
          puts 'https://acme.atlassian.net/rest/api/3/myself'
        end
        post('/rest/api/3/issue') { 201 }
        """)
    assert app.calls == [] and app.warnings == []
    routes = extract("routes.rb", """\
        Rails.application.routes.draw do
          get 'rest/api/3/search', to: 'search#index'
          namespace :wiki do
            resources :pages, path: 'wiki/api/v2/pages'
          end
        end
        """)
    assert routes.calls == []


def test_a_spec_against_webmock_reports_no_urls() -> None:
    scan = extract("client_spec.rb", """\
        require 'webmock/rspec'
        RSpec.describe Client do
          it 'reads an issue' do
            stub_request(:get, 'https://acme.atlassian.net/rest/api/3/issue/OPS-1')
              .to_return(status: 200, body: '{}')
            client = Client.new(site: 'https://acme.atlassian.net')
            expect(client.issue('OPS-1')).to be_a(Hash)
          end
        end
        """)
    assert scan.calls == []


def test_an_httparty_instance_method_calling_get_is_not_a_request() -> None:
    scan = extract("pages.rb", """\
        class Pages
          include HTTParty
          base_uri 'https://acme.atlassian.net/wiki/api/v2'
          def get(id)  # a method of the instance named get, not HTTParty's
            cache.get("/pages/#{id}")
          end
          def fresh(id) = self.class.get("/pages/#{id}")
        end
        """)
    assert rows(scan) == [(7, "GET", "https://acme.atlassian.net/wiki/api/v2/pages/{id}")]


def test_suppressions_sl008_and_the_gateway_fix(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        ".scopelint.toml": f'scopes = ["read:jira-work"]\n[sites]\n"acme.atlassian.net" = "{CLOUD_ID}"\n',
        "report.rb": """\
            TOKEN = 'ATATT3xFfGF0abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789'
            Net::HTTP.get(URI("https://acme.atlassian.net/rest/api/3/issue/#{ARGV[0]}"))
            # scopelint: ignore[SL001]
            Net::HTTP.get(URI('https://acme.atlassian.net/rest/api/3/serverInfo'))
            """,
    })
    assert findings(tmp_path, "--select", "SL001,SL008") == [
        ("report.rb", 1, "SL008"), ("report.rb", 2, "SL001"),
    ]
    scopelint(["check", "--fix", "--unsafe-fixes", "."], tmp_path)
    text = (tmp_path / "report.rb").read_text(encoding="utf-8")
    assert f'URI("https://api.atlassian.com/ex/jira/{CLOUD_ID}/rest/api/3/issue/#{{ARGV[0]}}")' in text
    assert "URI('https://acme.atlassian.net/rest/api/3/serverInfo')" in text
    assert findings(tmp_path, "--select", "SL001,SL008") == [("report.rb", 1, "SL008")]
