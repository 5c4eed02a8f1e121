"""scanning/declarations"""
