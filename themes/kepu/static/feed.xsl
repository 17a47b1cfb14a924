<?xml version="1.0" encoding="utf-8"?>
<!--
  kepu default theme: how a browser shows the site's Atom and RSS feeds.
  A reader who clicks 订阅更新 gets a page that says what a feed is, how to
  subscribe, and the latest articles, instead of raw XML. Feed readers
  ignore this file. XSLT 1.0, so that every browser can run it; no script,
  no external request.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">
<xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>

<xsl:variable name="title" select="/atom:feed/atom:title | /rss/channel/title"/>
<xsl:variable name="site" select="/atom:feed/atom:link[@rel='alternate']/@href | /rss/channel/link"/>
<xsl:variable name="self" select="/atom:feed/atom:link[@rel='self']/@href | /rss/channel/atom:link[@rel='self']/@href"/>

<xsl:template match="/">
<html lang="zh-CN">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="robots" content="noindex"/>
<title>订阅更新 - <xsl:value-of select="$title"/></title>
<style>
  body { margin: 0; font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
         font-size: 112.5%; line-height: 1.8; color: #1a1a1a; background: #fff; }
  header { background: #0b4a8b; color: #fff; border-bottom: 4px solid #b3121f; }
  .wrap { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
  header .wrap { padding-top: 1rem; padding-bottom: 1rem; }
  header p { margin: 0; color: #dce8f6; }
  h1 { margin: 0.2rem 0 0; font-size: 1.5rem; line-height: 1.4; }
  h2 { margin: 2rem 0 0.6rem; padding-left: 0.6em; border-left: 5px solid #0b4a8b; font-size: 1.25rem; }
  a { color: #0a3d8f; text-underline-offset: 0.2em; }
  a:focus-visible { outline: 3px solid #0b4a8b; outline-offset: 2px; }
  .intro { margin: 1.5rem 0 0; padding: 1rem 1.2rem; background: #eaf1f9; border-left: 5px solid #0b4a8b; }
  .address { display: block; margin: 0.4rem 0; padding: 0.5rem 0.7rem; border: 2px solid #c5d0dd; border-radius: 4px;
             background: #fff; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.95rem; word-break: break-all; }
  ol.steps li { margin: 0.3rem 0; }
  ul.entries { list-style: none; margin: 0; padding: 0; }
  ul.entries li { padding: 0.7rem 0; border-bottom: 1px solid #e1e7ee; }
  .entry-title { font-size: 1.1rem; font-weight: 700; text-wrap: pretty; }
  .entry-date { display: block; color: #4a4a4a; font-size: 0.95rem; }
  footer { margin: 2rem 0 3rem; color: #4a4a4a; }
</style>
</head>
<body>
<header>
  <div class="wrap">
    <p>订阅更新</p>
    <h1><xsl:value-of select="$title"/></h1>
  </div>
</header>
<main class="wrap">
  <p class="intro">这是本站的<strong>订阅源</strong>（RSS / Atom）。在阅读器里订阅它，本站一有新文章，阅读器就会收到，不必天天打开网站查看。不用阅读器也没关系：<a href="{$site}">回到网站</a>，照常阅读。</p>

  <h2>怎样订阅</h2>
  <ol class="steps">
    <li>复制下面这个地址：<code class="address"><xsl:value-of select="$self"/></code></li>
    <li>打开您用的 RSS 阅读器（电脑或手机上的阅读器、浏览器的订阅功能都可以），选择“添加订阅”或“订阅网址”。</li>
    <li>粘贴地址，确认。以后新文章会出现在阅读器里。</li>
  </ol>

  <h2>最新文章</h2>
  <ul class="entries">
    <xsl:apply-templates select="/atom:feed/atom:entry | /rss/channel/item"/>
  </ul>

  <footer><a href="{$site}">返回 <xsl:value-of select="$title"/></a></footer>
</main>
</body>
</html>
</xsl:template>

<!-- One article: its title linked, its date in Chinese. -->
<xsl:template match="atom:entry">
  <li>
    <a class="entry-title" href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a>
    <xsl:if test="atom:published">
      <xsl:call-template name="date">
        <xsl:with-param name="year" select="substring(atom:published, 1, 4)"/>
        <xsl:with-param name="month" select="number(substring(atom:published, 6, 2))"/>
        <xsl:with-param name="day" select="number(substring(atom:published, 9, 2))"/>
      </xsl:call-template>
    </xsl:if>
  </li>
</xsl:template>

<!-- RSS dates are RFC 2822 ("Sun, 02 Jun 2024 00:00:00 +0800"). -->
<xsl:template match="item">
  <li>
    <a class="entry-title" href="{link}"><xsl:value-of select="title"/></a>
    <xsl:if test="pubDate">
      <xsl:call-template name="date">
        <xsl:with-param name="year" select="substring(pubDate, 13, 4)"/>
        <xsl:with-param name="month" select="string-length(substring-before('JanFebMarAprMayJunJulAugSepOctNovDec', substring(pubDate, 9, 3))) div 3 + 1"/>
        <xsl:with-param name="day" select="number(substring(pubDate, 6, 2))"/>
      </xsl:call-template>
    </xsl:if>
  </li>
</xsl:template>

<xsl:template name="date">
  <xsl:param name="year"/>
  <xsl:param name="month"/>
  <xsl:param name="day"/>
  <span class="entry-date"><xsl:value-of select="concat($year, '年', $month, '月', $day, '日')"/></span>
</xsl:template>
</xsl:stylesheet>
