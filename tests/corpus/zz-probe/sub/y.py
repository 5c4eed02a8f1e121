import os,sys
