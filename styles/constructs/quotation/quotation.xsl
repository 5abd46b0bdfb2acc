<?xml version="1.0" encoding="UTF-8"?>
<!-- Quotations: quote, q, said, cit, and the link from a quotation to its source. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl">

  <!-- The source pointer of a quotation: its @source, else its cit's bibl (ptr or id). -->
  <xsl:template name="source-pointer">
    <xsl:variable name="own" select="substring-before(concat(normalize-space(@source), ' '), ' ')"/>
    <xsl:variable name="cit" select="parent::tei:cit"/>
    <xsl:choose>
      <xsl:when test="$own != ''"><xsl:value-of select="$own"/></xsl:when>
      <xsl:when test="$cit/@source"><xsl:value-of select="substring-before(concat(normalize-space($cit/@source), ' '), ' ')"/></xsl:when>
      <xsl:when test="$cit/tei:bibl/tei:ptr/@target"><xsl:value-of select="substring-before(concat(normalize-space($cit/tei:bibl/tei:ptr/@target), ' '), ' ')"/></xsl:when>
      <xsl:when test="$cit/tei:bibl/@corresp"><xsl:value-of select="substring-before(concat(normalize-space($cit/tei:bibl/@corresp), ' '), ' ')"/></xsl:when>
      <xsl:when test="$cit/tei:bibl/@xml:id"><xsl:value-of select="concat('#', $cit/tei:bibl/@xml:id)"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="source-link">
    <xsl:param name="ptr"/>
    <xsl:param name="href"/>
    <xsl:if test="$href != ''">
      <xsl:variable name="target" select="key('id', substring-after($href, '#'))"/>
      <xsl:variable name="is-bibl" select="not(starts-with($href, '#')) or $target[self::tei:bibl or self::tei:biblStruct or self::tei:biblFull or self::tei:msDesc]"/>
      <xsl:variable name="label">
        <xsl:choose>
          <xsl:when test="$target"><xsl:call-template name="bibl-label"><xsl:with-param name="node" select="$target"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:value-of select="$href"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <a href="{$href}">
        <xsl:attribute name="class">
          <xsl:text>quote-source</xsl:text>
          <xsl:if test="not($is-bibl)"> quote-passage</xsl:if>
        </xsl:attribute>
        <!-- the visible text: a short citation ("Magenheimer, p. 307") where the entry gives one -->
        <xsl:variable name="short"><xsl:call-template name="short-citation"><xsl:with-param name="node" select="$target"/></xsl:call-template></xsl:variable>
        <!-- the accessible name holds the visible text (WCAG 2.5.3), then the full reference -->
        <xsl:attribute name="aria-label">
          <xsl:choose>
            <xsl:when test="$is-bibl"><xsl:value-of select="$L[@k = 'source']"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$L[@k = 'quoted-passage']"/></xsl:otherwise>
          </xsl:choose>
          <xsl:text>: </xsl:text>
          <xsl:if test="$is-bibl and normalize-space($short) != '' and not(contains($label, normalize-space($short)))">
            <xsl:value-of select="concat(normalize-space($short), ' — ')"/>
          </xsl:if>
          <xsl:value-of select="$label"/>
        </xsl:attribute>
        <xsl:choose>
          <xsl:when test="$is-bibl and normalize-space($short) != ''"><xsl:value-of select="normalize-space($short)"/></xsl:when>
          <xsl:when test="$is-bibl"><xsl:value-of select="$L[@k = 'source-link']"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$L[@k = 'passage']"/></xsl:otherwise>
        </xsl:choose>
      </a>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:quote | tei:q | tei:said">
    <xsl:variable name="block"><xsl:call-template name="is-block"/></xsl:variable>
    <xsl:variable name="ptr"><xsl:call-template name="source-pointer"/></xsl:variable>
    <xsl:variable name="href"><xsl:call-template name="href-of"><xsl:with-param name="p" select="$ptr"/></xsl:call-template></xsl:variable>
    <xsl:variable name="own-link" select="$href != '' and normalize-space(@source) != ''"/>
    <xsl:variable name="class">
      <xsl:value-of select="local-name()"/>
      <xsl:if test="self::tei:said and @direct = 'false'"> indirect</xsl:if>
      <xsl:if test="@type"><xsl:value-of select="concat(' quote-', translate(normalize-space(@type), ' ', '-'))"/></xsl:if>
      <xsl:call-template name="marked"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$block = 'y'">
        <blockquote class="{$class}">
          <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
          <xsl:if test="$href != ''"><xsl:attribute name="cite"><xsl:value-of select="$href"/></xsl:attribute></xsl:if>
          <xsl:call-template name="who"/>
          <xsl:apply-templates/>
          <xsl:if test="$own-link">
            <p class="quote-source-line"><xsl:call-template name="source-link"><xsl:with-param name="href" select="$href"/></xsl:call-template></p>
          </xsl:if>
        </blockquote>
      </xsl:when>
      <xsl:when test="self::tei:said and @direct = 'false'">
        <span class="{$class}">
          <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
          <xsl:call-template name="who"/>
          <xsl:apply-templates/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <q class="{$class}">
          <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
          <xsl:if test="$href != ''"><xsl:attribute name="cite"><xsl:value-of select="$href"/></xsl:attribute></xsl:if>
          <xsl:call-template name="who"/>
          <xsl:apply-templates/>
        </q>
        <xsl:variable name="next" select="substring(following-sibling::node()[1][self::text()], 1, 1)"/>
        <xsl:if test="$own-link and not($next != '' and contains($closing-marks, $next))">
          <xsl:call-template name="source-link"><xsl:with-param name="href" select="$href"/></xsl:call-template>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:variable name="closing-marks" select="'”’»›&quot;'"/>

  <!-- The source link of an inline quotation goes after the closing mark that follows it. -->
  <xsl:template match="text()[preceding-sibling::node()[1][self::tei:quote or self::tei:q or self::tei:said][@source]]">
    <xsl:variable name="c" select="substring(., 1, 1)"/>
    <xsl:choose>
      <xsl:when test="$c != '' and contains($closing-marks, $c)">
        <xsl:value-of select="$c"/>
        <xsl:for-each select="preceding-sibling::node()[1]">
          <xsl:variable name="block"><xsl:call-template name="is-block"/></xsl:variable>
          <xsl:variable name="href"><xsl:call-template name="href-of"><xsl:with-param name="p" select="substring-before(concat(normalize-space(@source), ' '), ' ')"/></xsl:call-template></xsl:variable>
          <xsl:if test="$block != 'y' and $href != '' and not(self::tei:said and @direct = 'false')">
            <xsl:call-template name="source-link"><xsl:with-param name="href" select="$href"/></xsl:call-template>
          </xsl:if>
        </xsl:for-each>
        <xsl:value-of select="substring(., 2)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="who">
    <xsl:if test="@who"><xsl:attribute name="data-who"><xsl:value-of select="normalize-space(translate(@who, '#', ''))"/></xsl:attribute></xsl:if>
  </xsl:template>

  <!-- ' marked' when the text around already carries quotation marks (so CSS adds none). -->
  <xsl:template name="marked">
    <xsl:variable name="before" select="preceding-sibling::node()[1][self::text()]"/>
    <xsl:variable name="last" select="substring($before, string-length($before))"/>
    <xsl:variable name="first" select="substring(normalize-space(.), 1, 1)"/>
    <xsl:if test="($last != '' and contains('“&quot;‘«»„‚‹›”’', $last)) or ($first != '' and contains('“&quot;‘«»„‚‹›', $first)) or @rend or @rendition">
      <xsl:text> marked</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- cit: the quotation and its bibliographic reference, together. -->
  <xsl:template match="tei:cit">
    <xsl:variable name="block"><xsl:call-template name="is-block"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$block = 'y'">
        <div class="cit">
          <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
          <xsl:apply-templates select="*[not(self::tei:bibl or self::tei:ref or self::tei:ptr)]"/>
          <xsl:if test="tei:bibl | tei:ref | tei:ptr">
            <p class="quote-source-line"><xsl:apply-templates select="tei:bibl | tei:ref | tei:ptr"/></p>
          </xsl:if>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <span class="cit">
          <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
          <xsl:apply-templates select="*[not(self::tei:bibl or self::tei:ref or self::tei:ptr)]"/>
          <xsl:if test="tei:bibl | tei:ref | tei:ptr">
            <xsl:text> (</xsl:text><xsl:apply-templates select="tei:bibl | tei:ref | tei:ptr"/><xsl:text>)</xsl:text>
          </xsl:if>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
