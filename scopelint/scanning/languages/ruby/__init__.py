"""Ruby (tree-sitter-ruby): Net::HTTP, Faraday, HTTParty, RestClient, HTTP.rb and Typhoeus calls."""

from scopelint.scanning.languages.ruby.extractor import extract

__all__ = ["extract"]
