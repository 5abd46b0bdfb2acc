<?xml version="1.0" encoding="UTF-8"?>
<!-- Verse: line groups (lg) and lines (l), with their numbers. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    xmlns:e="urn:editio"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl e">

  <!-- ============ verse ============ -->
  <!-- A line group. With a head (a poem's title, a numbered stanza) it is a section and
       its head a heading, like a division's (the outermost ones are in the contents);
       without one, div.lg. -->
  <xsl:template match="tei:lg">
    <xsl:variable name="headed" select="tei:head[normalize-space(.) != '']"/>
    <xsl:element name="{substring('divsection', 1 + 3 * boolean($headed), 3 + 4 * boolean($headed))}">
      <xsl:attribute name="class">lg</xsl:attribute>
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
      <xsl:if test="@n"><xsl:attribute name="data-n"><xsl:value-of select="@n"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:lg/tei:head">
    <xsl:choose>
      <xsl:when test="normalize-space(.) != '' and not(preceding-sibling::tei:head[normalize-space(.) != ''])">
        <xsl:variable name="level"><xsl:call-template name="heading-level"><xsl:with-param name="node" select=".."/></xsl:call-template></xsl:variable>
        <xsl:variable name="content"><xsl:apply-templates/></xsl:variable>
        <xsl:call-template name="heading">
          <xsl:with-param name="level" select="number($level)"/>
          <xsl:with-param name="content" select="$content"/>
          <xsl:with-param name="node" select="."/>
          <xsl:with-param name="class" select="'head lg-head'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <p class="subhead"><xsl:call-template name="atts"/><xsl:apply-templates/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A line. Its number (@n) is data-n; every fifth one is also data-lineno, which the
       stylesheets show in the margin (generated, so that copying a line leaves it out). -->
  <xsl:template match="tei:l">
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <xsl:element name="{substring('spandiv', 1 + 4 * ($flow = 'y'), 4 - ($flow = 'y'))}">
      <xsl:attribute name="class">l</xsl:attribute>
      <xsl:variable name="indent"><xsl:call-template name="line-indent"/></xsl:variable>
      <xsl:if test="@e:step or $indent != ''">
        <xsl:attribute name="style">
          <xsl:if test="@e:step">--step: <xsl:value-of select="@e:step"/>em</xsl:if>
          <xsl:if test="@e:step and $indent != ''">; </xsl:if>
          <xsl:if test="$indent != ''">--indent: <xsl:value-of select="1.5 * $indent"/>em</xsl:if>
        </xsl:attribute>
      </xsl:if>
      <xsl:if test="$indent != ''"><xsl:attribute name="data-indent"><xsl:value-of select="$indent"/></xsl:attribute></xsl:if>
      <xsl:if test="@part"><xsl:attribute name="data-part"><xsl:value-of select="translate(normalize-space(@part), 'imfyn', 'IMFYN')"/></xsl:attribute></xsl:if>
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="boolean(@n)"/><xsl:with-param name="tei" select="false()"/></xsl:call-template>
      <xsl:if test="@n">
        <xsl:attribute name="data-n"><xsl:value-of select="@n"/></xsl:attribute>
        <!-- (a verse split between speakers is numbered once, at its first part: "180"
             stood beside both halves) -->
        <xsl:if test="not(contains('MFmf', substring(normalize-space(@part), 1, 1)) and normalize-space(@part) != '')">
          <xsl:call-template name="lineno"/>
        </xsl:if>
      </xsl:if>
      <xsl:apply-templates/>
      <xsl:value-of select="normalize-space((following-sibling::node()[1])[self::text()][normalize-space(.) != '']
          [translate(normalize-space(.), ',.;:!?—–-)]’”»', '') = ''])"/>
    </xsl:element>
  </xsl:template>

  <!-- How far the source indents a line, in steps: rend="indent" (1), "indent2",
       "indent(2)", "indent-2"; also @rendition pointing at a rendition named so. Empty
       for a line set flush. A poem's indented lines (the short lines of a stanza, a
       refrain) are part of its form. -->
  <xsl:template name="line-indent">
    <xsl:variable name="r" select="translate(concat(' ', @rend, ' ', @rendition, ' '), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ()-_:#', 'abcdefghijklmnopqrstuvwxyz      ')"/>
    <xsl:if test="contains($r, 'indent') and not(contains($r, 'noindent') or contains($r, 'no indent'))">
      <xsl:variable name="after" select="normalize-space(substring-after($r, 'indent'))"/>
      <xsl:variable name="first" select="substring-before(concat($after, ' '), ' ')"/>
      <xsl:choose>
        <xsl:when test="string-length($first) = 1 and contains('123456789', $first)"><xsl:value-of select="$first"/></xsl:when>
        <xsl:otherwise>1</xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- A caesura: the pause inside a line, set as a wider space (the half-lines of
       medieval verse stand apart, as editions print them); a milestone of unit caesura
       (as Old English verse editions mark it) is the same pause. -->
  <xsl:template match="tei:caesura | tei:milestone[@unit = 'caesura'][ancestor::tei:l]">
    <span class="caesura" role="presentation"><xsl:text> </xsl:text></span>
  </xsl:template>

  <!-- A rhyme (its @label, the scheme's letter, is analysis, not text): its words. -->
  <xsl:template match="tei:rhyme">
    <span class="rhyme"><xsl:call-template name="atts"/><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Punctuation a source put just after a line (<l>…</l>,) belongs to that line: it is
       set at the line's end (above), not as a line of its own; the one text() rule, in
       core, writes nothing for it. -->

  <!-- data-lineno on every fifth numbered line ('1.2.65', '35'): the number shown. -->
  <xsl:template name="lineno">
    <xsl:variable name="last" select="str:tokenize(@n, '.:, ')[last()]"/>
    <xsl:if test="number($last) = number($last) and number($last) mod 5 = 0 and number($last) &gt; 0">
      <xsl:attribute name="data-lineno"><xsl:value-of select="normalize-space(@n)"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
